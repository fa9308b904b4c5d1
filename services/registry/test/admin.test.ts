import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import {
  PJ,
  V1,
  base,
  call,
  draftWith,
  fileLayout,
  gridFields,
  json,
  principals,
  rect,
  resetRegistry,
  seedDivisions,
  seedMatters,
  shanghaiDay,
} from "./fixtures";

/**
 * No 500s (issue 12): the platform admin holds every jurisdiction but no division scope of its own kind (no
 * department, no grids), the class of caller code that assumes a scope trips over. Every registry operation
 * of the OpenAPI document is called as the admin, with real ids and a plausible body; none may answer 5xx.
 */
type Operation = { method: string; path: string };
const GRID = `${V1}001`;
let ids: Record<string, string> = {};

/** A real id for each path parameter, by the resource the path is about. */
function filled(path: string): string {
  return path
    .replace("{id}", path.startsWith("/v1/layouts") ? ids.layout! : ids.request!)
    .replace(
      "{code}",
      path.startsWith("/v1/grids") || path.startsWith("/v1/public/grids") || path.includes("/grids/{")
        ? GRID
        : path.startsWith("/v1/matters")
          ? "08"
          : PJ,
    )
    .replace("/grids/{code}", `/grids/${GRID}`)
    .replace("{countyCode}", PJ)
    .replace("{matterCode}", "0801")
    .replace("{number}", "1");
}

const QUERIES: Record<string, string> = {
  "/v1/lookup": "?lng=113.01&lat=22.51",
  "/v1/public/grids/locate": "?lng=113.01&lat=22.51",
  "/v1/matters/admission": `?countyCode=${PJ}&matterCode=0801`,
};

const BODIES: Record<string, unknown> = {
  "POST /v1/divisions": { code: "440703001004", name: "四号社区", parentCode: "440703001000" },
  "PATCH /v1/divisions/{code}": { name: "蓬江区" },
  "POST /v1/layouts": { countyCode: PJ },
  "POST /v1/layouts/{id}/changes": { changes: [{ op: "update", code: GRID, grid: { name: "管理员改名" } }] },
  "POST /v1/layouts/{id}/submit": {},
  "POST /v1/layouts/{id}/return": { reasons: ["平台核查"] },
  "POST /v1/layouts/{id}/accept": { effectiveDate: shanghaiDay(1) },
  "POST /v1/lookup/batch": {
    points: [
      { lng: 113.01, lat: 22.51 },
      { lng: 100, lat: 10 },
    ],
  },
  "POST /v1/matters/categories": { code: "13", name: "网格党建", parentCode: "A4" },
  "PATCH /v1/matters/categories/{code}": { description: "道路、路灯、井盖等设施损坏" },
  "POST /v1/matters/change-requests": {
    countyCode: PJ,
    change: { action: "withdraw", list: "admission", matterCode: "0801" },
    reason: "平台核查",
  },
  "POST /v1/matters/change-requests/{id}/approve": {},
  "POST /v1/matters/change-requests/{id}/refuse": { note: "平台核查" },
  "PUT /v1/matters/definitions/{matterCode}": { description: "道路坑洼、塌陷", keywords: ["道路"], attributes: [] },
};

beforeAll(async () => {
  await seedDivisions();
  await resetRegistry();
  await seedMatters([PJ]);
  await fileLayout(
    PJ,
    [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }],
    shanghaiDay(),
  );
  const { layout } = await draftWith(PJ, [{ op: "update", code: GRID, grid: { name: "草稿改名" } }]);
  const request = await json<{ id: string }>(
    await call(principals.department, "POST", "/v1/matters/change-requests", {
      countyCode: PJ,
      change: { action: "withdraw", list: "admission", matterCode: "0101" },
      reason: "测试",
    }),
    201,
  );
  ids = { layout: layout.id, request: request.id };
});

describe("the platform admin on every registry operation", () => {
  it("never gets a 5xx, with or without a body", async () => {
    const doc = (await (await exports.default.fetch(`${base}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations: Operation[] = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => ({ method: method.toUpperCase(), path })),
    );
    expect(operations.length).toBeGreaterThan(25);
    const answers: string[] = [];
    for (const op of operations) {
      const key = `${op.method} ${op.path}`;
      const path = filled(op.path) + (QUERIES[op.path] ?? "");
      const body = op.method === "GET" ? undefined : (BODIES[key] ?? {});
      // Reads again what a command changes, so that If-Match carries the version the admin saw.
      const version =
        op.method === "GET"
          ? undefined
          : (
              await call(principals.admin, "GET", path.replace(/\/(submit|return|accept|approve|refuse|changes)$/, ""))
            ).headers.get("etag");
      const res = await call(principals.admin, op.method, path, body, version ? { "if-match": version } : {});
      answers.push(`${key} -> ${res.status}`);
      expect(res.status, `${key}: ${await res.text()}`).toBeLessThan(500);
    }
    expect(answers.length).toBe(operations.length);
  });
});
