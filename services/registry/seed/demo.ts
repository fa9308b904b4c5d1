/**
 * The registry's demo data: the real Jiangmen divisions with generated boundaries, the 2,954 demo grids as
 * one accepted layout per county in force since DEMO_EFFECTIVE, the matters catalogue and each county's
 * lists, and the disclosure projection seeded from the demo workers (until the roster's own events arrive,
 * whose versions, starting at 1, supersede these version-0 snapshots).
 */
import type { City, Grid } from "@civicgrid/demo-data";
import { areaM2, bbox } from "@civicgrid/geo";
import { ADMISSION, CATEGORIES, DEFINITIONS, FORBIDDEN } from "./matters";
import { insertRows, type SqlValue } from "./sql";

export const DEMO_EFFECTIVE = "2025-01-01";
const SEEDED_AT = "2025-01-01T00:00:00.000Z";
const SEEDER = "demo-seed";

const layoutIdOf = (countyCode: string) => `${countyCode.slice(0, 6)}-1`;

function areaDescription(grid: Grid, villageName: string): string {
  const km2 = grid.areaKm2.toFixed(2);
  return grid.unit ? `${grid.unit.name}范围内，面积约${km2}平方公里` : `${villageName}辖区内第${grid.sequence}片区，面积约${km2}平方公里`;
}

function gridRows(city: City): { registry: SqlValue[][]; versions: SqlValue[][]; history: SqlValue[][] } {
  const names = new Map(city.divisions.map((d) => [d.code, d.name]));
  const registry: SqlValue[][] = [];
  const versions: SqlValue[][] = [];
  const history: SqlValue[][] = [];
  for (const g of city.grids) {
    const layoutId = layoutIdOf(g.countyCode);
    const [minLng, minLat, maxLng, maxLat] = bbox(g.geometry);
    registry.push([g.code, g.villageCode, g.countyCode, g.sequence, layoutId, SEEDED_AT]);
    versions.push([
      g.code, 1, g.countyCode, g.villageCode, g.name, g.type, g.unit?.kind ?? null, g.unit?.name ?? null, g.households, g.population,
      g.partyOrganisation, g.supervisionPhone, areaDescription(g, names.get(g.villageCode) ?? ""), JSON.stringify(g.geometry),
      minLng, minLat, maxLng, maxLat, Math.round(areaM2(g.geometry)), DEMO_EFFECTIVE, null, layoutId, "created",
    ]);
    history.push([g.code, layoutId, "created", DEMO_EFFECTIVE, "[]", 1]);
  }
  return { registry, versions, history };
}

function disclosureRows(city: City): SqlValue[][] {
  const servers = new Map<string, { workerId: string; name: string; role: string; workPhone: string }[]>();
  for (const w of city.workers) {
    for (const a of w.assignments) {
      const list = servers.get(a.gridCode) ?? [];
      list.push({ workerId: w.id, name: w.name, role: a.role, workPhone: w.workPhone });
      servers.set(a.gridCode, list);
    }
  }
  return [...servers].map(([gridCode, list]) => [gridCode, 0, JSON.stringify(list), null, SEEDED_AT]);
}

export function demoStatements(city: City): string[] {
  const counties = city.divisions.filter((d) => d.level === "county");
  const { registry, versions, history } = gridRows(city);
  // Parents before children, so the parent_code references hold while inserting.
  const levels = ["city", "county", "township", "village"];
  const divisions = [...city.divisions].sort((a, b) => levels.indexOf(a.level) - levels.indexOf(b.level) || (a.code < b.code ? -1 : 1));
  return [
    ...insertRows(
      "divisions",
      ["code", "name", "level", "parent_code", "urban", "boundary", "updated_at"],
      divisions.map((d) => [d.code, d.name, d.level, d.level === "city" ? null : d.parentCode, d.urban ?? null, JSON.stringify(d.geometry), SEEDED_AT]),
    ),
    ...insertRows(
      "layouts",
      ["id", "county_code", "number", "status", "note", "effective_date", "created_by", "created_at", "submitted_by", "submitted_at", "reviewed_by", "reviewed_at"],
      counties.map((c) => [layoutIdOf(c.code), c.code, 1, "accepted", "演示数据：初始网格划分", DEMO_EFFECTIVE, SEEDER, SEEDED_AT, SEEDER, SEEDED_AT, SEEDER, SEEDED_AT]),
    ),
    ...insertRows("grids", ["code", "village_code", "county_code", "sequence", "created_layout_id", "created_at"], registry),
    ...insertRows(
      "grid_versions",
      ["code", "seq", "county_code", "village_code", "name", "type", "unit_kind", "unit_name", "households", "population", "party_organisation", "supervision_phone",
        "area_description", "boundary", "min_lng", "min_lat", "max_lng", "max_lat", "area_m2", "valid_from", "valid_to", "layout_id", "change"],
      versions,
    ),
    ...insertRows("grid_history", ["grid_code", "layout_id", "kind", "effective_date", "related", "version_seq"], history),
    // Moves the layout version so any cached lookup index is rebuilt over the seeded grids.
    "UPDATE registry_state SET value = value + 1 WHERE key = 'layout_version'",
    ...insertRows("matter_categories", ["code", "name", "parent_code", "description", "updated_at"], CATEGORIES.map((c) => [c.code, c.name, c.parentCode, c.description, SEEDED_AT])),
    ...insertRows("matter_list_versions", ["county_code", "number", "effective_date", "change_request_id", "approved_by", "filed_at"], counties.map((c) => [c.code, 1, DEMO_EFFECTIVE, null, SEEDER, SEEDED_AT])),
    ...insertRows(
      "matter_list_items",
      ["county_code", "number", "list", "matter_code", "item"],
      counties.flatMap((c) => [
        ...ADMISSION.map((i): SqlValue[] => [c.code, 1, "admission", i.matterCode, JSON.stringify(i)]),
        ...FORBIDDEN.map((i): SqlValue[] => [c.code, 1, "forbidden", i.matterCode, JSON.stringify(i)]),
      ]),
    ),
    ...insertRows(
      "matter_definitions",
      ["matter_code", "description", "keywords", "group_name", "attributes", "listed", "updated_by", "updated_at"],
      DEFINITIONS.map((d) => [d.matterCode, d.description, JSON.stringify(d.keywords), d.group, JSON.stringify(d.attributes), d.listed, SEEDER, SEEDED_AT]),
    ),
    ...insertRows("disclosure_servers", ["grid_code", "version", "servers", "event_id", "updated_at"], disclosureRows(city)),
  ];
}
