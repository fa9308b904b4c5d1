import type { Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { ADMISSION, CATEGORIES } from "../seed/matters";
import { insertRows } from "../seed/sql";
import { matterCategories, matterListItems } from "../src/store/schema";

export const base = "http://registry";
export { principals };

/** An axis-aligned rectangle as a GeoJSON Polygon, counter-clockwise, with optional holes. */
export function rect(x0: number, y0: number, x1: number, y1: number, holes: [number, number][][] = []) {
  return {
    type: "Polygon" as const,
    coordinates: [
      [
        [x0, y0],
        [x1, y0],
        [x1, y1],
        [x0, y1],
        [x0, y0],
      ] as [number, number][],
      ...holes,
    ],
  };
}

/**
 * A small world in two counties: 蓬江区 (440703) with township 440703001 and villages 001 (urban, the square
 * 113.00-113.02 × 22.50-22.52) and 002 (rural, the square east of it); 新会区 (440705) with one village.
 */
export const PJ = "440703000000";
export const XH = "440705000000";
export const V1 = "440703001001";
export const V2 = "440703001002";
export const XV = "440705001001";
export const V1_BOX = [113.0, 22.5, 113.02, 22.52] as const;

export async function seedDivisions(): Promise<void> {
  const rows: [string, string, string, string | null, number | null, unknown][] = [
    ["440700000000", "江门市", "city", null, null, null],
    [PJ, "蓬江区", "county", "440700000000", null, null],
    [XH, "新会区", "county", "440700000000", null, null],
    ["440703001000", "环市街道", "township", PJ, null, null],
    ["440705001000", "会城街道", "township", XH, null, null],
    [V1, "一号社区", "village", "440703001000", 1, rect(...V1_BOX)],
    [V2, "二号村", "village", "440703001000", 0, rect(113.02, 22.5, 113.04, 22.52)],
    [XV, "新会一村", "village", "440705001000", 0, rect(113.1, 22.5, 113.12, 22.52)],
  ];
  await env.DB.batch(
    rows.map(([code, name, level, parent, urban, boundary]) =>
      env.DB.prepare(
        "INSERT INTO divisions (code, name, level, parent_code, urban, boundary, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, '2025-01-01')",
      ).bind(code, name, level, parent, urban, boundary ? JSON.stringify(boundary) : null),
    ),
  );
}

/** The facts of a grid filed in tests; override what the test is about. */
export function gridFields(boundary: unknown, extra: Record<string, unknown> = {}) {
  return {
    name: "测试网格",
    type: "urban",
    households: 400,
    population: 1000,
    partyOrganisation: "测试网格党小组",
    supervisionPhone: "0750-3000000",
    areaDescription: "测试片区",
    boundary,
    ...extra,
  };
}

export async function call(
  principal: Principal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return exports.default.fetch(`${base}${path}`, await jsonAs(principal, method, body, headers));
}

export async function json<T = Record<string, unknown>>(res: Response, status: number): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

type LayoutAnswer = {
  id: string;
  version: number;
  changes: { code: string; op: string; kind: string; related: string[] }[];
};

/** Opens a draft for a county and applies changes to it; answers the layout and findings. */
export async function draftWith(countyCode: string, changes: unknown[], who: Principal = principals.countyAgency) {
  const layout = await json<LayoutAnswer>(await call(who, "POST", "/v1/layouts", { countyCode }), 201);
  const res = await call(
    who,
    "POST",
    `/v1/layouts/${layout.id}/changes`,
    { changes },
    { "if-match": `"v${layout.version}"` },
  );
  return json<{ layout: LayoutAnswer; findings: Record<string, unknown[]> }>(res, 200);
}

/** The county submits a drafted layout for filing (备案), with the version it read; answers the response. */
export function submitLayout(layout: { id: string; version: number }, who: Principal = principals.countyAgency) {
  return call(who, "POST", `/v1/layouts/${layout.id}/submit`, {}, { "if-match": `"v${layout.version}"` });
}

/** Drafts, submits and has the city accept a layout taking effect on `effectiveDate`. */
export async function fileLayout(
  countyCode: string,
  changes: unknown[],
  effectiveDate: string,
  who: Principal = principals.countyAgency,
) {
  const { layout } = await draftWith(countyCode, changes, who);
  const submitted = await json<LayoutAnswer>(await submitLayout(layout, who), 200);
  const accepted = await call(
    principals.cityAgency,
    "POST",
    `/v1/layouts/${layout.id}/accept`,
    { effectiveDate },
    { "if-match": `"v${submitted.version}"` },
  );
  return json<LayoutAnswer & { status: string; effectiveDate: string }>(accepted, 200);
}

/** Today in Asia/Shanghai, and days from it. */
export function shanghaiDay(offsetDays = 0): string {
  return new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);
}

/** Empties what tests write (divisions stay), and moves the layout version so no cached index survives. */
export async function resetRegistry(): Promise<void> {
  const tables = [
    "layout_ops",
    "layouts",
    "grid_history",
    "grid_versions",
    "grids",
    "outbox",
    "idempotency_keys",
    "disclosure_servers",
    "matter_list_items",
    "matter_list_versions",
    "matter_change_requests",
    "matter_definitions",
  ];
  await env.DB.batch([
    ...tables.map((t) => env.DB.prepare(`DELETE FROM ${t}`)),
    env.DB.prepare("UPDATE registry_state SET value = value + 1"),
  ]);
}

/** The demo catalogue and, for each county named, a first list version in force since 2025 with `items`. */
export async function seedMatters(counties: string[] = [], items = ADMISSION) {
  const lists = counties.flatMap((county) => [
    `INSERT INTO matter_list_versions (county_code, number, effective_date, approved_by, filed_at) VALUES ('${county}', 1, '2025-01-01', 't', '2025-01-01')`,
    ...insertRows(
      matterListItems,
      items.map((item) => ({
        countyCode: county,
        number: 1,
        list: "admission" as const,
        matterCode: item.matterCode,
        item,
      })),
    ),
  ]);
  const catalogue = insertRows(
    matterCategories,
    CATEGORIES.map((c) => ({ ...c, updatedAt: "2025-01-01" })),
  );
  await env.DB.batch([...catalogue, ...lists].map((sql) => env.DB.prepare(sql)));
}
