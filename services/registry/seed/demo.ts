/**
 * The registry's demo data: the real Jiangmen divisions with generated boundaries, the 2,954 demo grids as
 * one accepted layout per county in force since DEMO_EFFECTIVE, the matters catalogue and each county's
 * lists, and the disclosure projection seeded from the demo workers (until the roster's own events arrive,
 * whose versions, starting at 1, supersede these version-0 snapshots).
 */
import type { AdmissionItem, ForbiddenItem } from "@civicgrid/contracts";
import type { City, Grid } from "@civicgrid/demo-data";
import { versionRow } from "../src/store/version-row";
import * as t from "../src/store/schema";
import { ADMISSION, CATEGORIES, DEFINITIONS, FORBIDDEN } from "./matters";
import { insertRows } from "./sql";

export const DEMO_EFFECTIVE = "2025-01-01";
const SEEDED_AT = "2025-01-01T00:00:00.000Z";
const SEEDER = "demo-seed";

const layoutIdOf = (countyCode: string) => `${countyCode.slice(0, 6)}-1`;

function areaDescriptionOf(grid: Grid, villageName: string): string {
  const km2 = grid.areaKm2.toFixed(2);
  return grid.unit
    ? `${grid.unit.name}范围内，面积约${km2}平方公里`
    : `${villageName}辖区内第${grid.sequence}片区，面积约${km2}平方公里`;
}

function gridRows(city: City) {
  const names = new Map(city.divisions.map((d) => [d.code, d.name]));
  const registry: (typeof t.grids.$inferInsert)[] = [];
  const versions: (typeof t.gridVersions.$inferInsert)[] = [];
  const history: (typeof t.gridHistory.$inferInsert)[] = [];
  for (const g of city.grids) {
    const layoutId = layoutIdOf(g.countyCode);
    const place = { villageCode: g.villageCode, countyCode: g.countyCode };
    registry.push({ code: g.code, ...place, sequence: g.sequence, createdLayoutId: layoutId, createdAt: SEEDED_AT });
    const { code, name, type, unit, households, population, partyOrganisation, supervisionPhone } = g;
    const record = {
      code,
      ...place,
      name,
      type,
      unit: unit ?? null,
      households,
      population,
      partyOrganisation,
      supervisionPhone,
    };
    const areaDescription = areaDescriptionOf(g, names.get(g.villageCode) ?? "");
    const filed = versionRow(
      { ...record, areaDescription, boundary: g.geometry },
      { validFrom: DEMO_EFFECTIVE, layoutId, change: "created" },
    );
    versions.push({ ...filed, seq: 1, areaM2: Math.round(filed.areaM2) });
    history.push({
      gridCode: g.code,
      layoutId,
      kind: "created",
      effectiveDate: DEMO_EFFECTIVE,
      related: [],
      versionSeq: 1,
    });
  }
  return { registry, versions, history };
}

function disclosureRows(city: City): (typeof t.disclosureServers.$inferInsert)[] {
  const servers = new Map<string, t.DisclosedServer[]>();
  for (const w of city.workers) {
    for (const a of w.assignments) {
      const list = servers.get(a.gridCode) ?? [];
      list.push({ workerId: w.id, name: w.name, role: a.role, workPhone: w.workPhone });
      servers.set(a.gridCode, list);
    }
  }
  return [...servers].map(([gridCode, list]) => ({
    gridCode,
    version: 0,
    servers: list,
    eventId: null,
    updatedAt: SEEDED_AT,
  }));
}

export function demoStatements(city: City): string[] {
  const counties = city.divisions.filter((d) => d.level === "county");
  const { registry, versions, history } = gridRows(city);
  // Parents before children, so the parent_code references hold while inserting.
  const levels = ["city", "county", "township", "village"];
  const divisions = [...city.divisions].sort(
    (a, b) => levels.indexOf(a.level) - levels.indexOf(b.level) || (a.code < b.code ? -1 : 1),
  );
  const filed = {
    createdBy: SEEDER,
    createdAt: SEEDED_AT,
    submittedBy: SEEDER,
    submittedAt: SEEDED_AT,
    reviewedBy: SEEDER,
    reviewedAt: SEEDED_AT,
  };
  const lists = (list: "admission" | "forbidden", items: readonly (AdmissionItem | ForbiddenItem)[]) =>
    counties.flatMap((c) =>
      items.map((item) => ({ countyCode: c.code, number: 1, list, matterCode: item.matterCode, item })),
    );
  return [
    ...insertRows(
      t.divisions,
      divisions.map((d) => ({
        code: d.code,
        name: d.name,
        level: d.level as (typeof t.divisions.$inferInsert)["level"],
        parentCode: d.level === "city" ? null : d.parentCode,
        urban: d.urban ?? null,
        boundary: d.geometry as never,
        updatedAt: SEEDED_AT,
      })),
    ),
    ...insertRows(
      t.layouts,
      counties.map((c) => ({
        id: layoutIdOf(c.code),
        countyCode: c.code,
        number: 1,
        status: "accepted" as const,
        note: "演示数据：初始网格划分",
        effectiveDate: DEMO_EFFECTIVE,
        ...filed,
      })),
    ),
    ...insertRows(t.grids, registry),
    ...insertRows(t.gridVersions, versions),
    ...insertRows(t.gridHistory, history),
    // Moves the layout version so any cached lookup index is rebuilt over the seeded grids.
    "UPDATE registry_state SET value = value + 1 WHERE key = 'layout_version'",
    ...insertRows(
      t.matterCategories,
      CATEGORIES.map((c) => ({ ...c, updatedAt: SEEDED_AT })),
    ),
    ...insertRows(
      t.matterListVersions,
      counties.map((c) => ({
        countyCode: c.code,
        number: 1,
        effectiveDate: DEMO_EFFECTIVE,
        changeRequestId: null,
        approvedBy: SEEDER,
        filedAt: SEEDED_AT,
      })),
    ),
    ...insertRows(t.matterListItems, [...lists("admission", ADMISSION), ...lists("forbidden", FORBIDDEN)]),
    ...insertRows(
      t.matterDefinitions,
      DEFINITIONS.map(({ group, ...d }) => ({ ...d, groupName: group, updatedBy: SEEDER, updatedAt: SEEDED_AT })),
    ),
    ...insertRows(t.disclosureServers, disclosureRows(city)),
  ];
}
