import { scrubPublicText, type PublicGrid } from "@civicgrid/contracts";
import type { GridVersionRow } from "./grid-rows";

const ROLE_ORDER = ["chief", "full_time", "part_time", "professional", "auxiliary"] as const;
type Server = PublicGrid["workers"][number];

/**
 * The public facts of a grid in force on `date` (公示), or null when none is. What agencies type (names, the
 * area description) is free text and goes out scrubbed of phone numbers, ID numbers and e-mails (Jiangmen
 * 第二十二条); the work phones and the supervision phone are what the 公示 is for, so they stay shown.
 */
export async function publicGrid(db: D1Database, code: string, date: string): Promise<PublicGrid | null> {
  const grid = await db
    .prepare(
      `SELECT g.code, g.name, g.type, g.unit_name, g.area_description, g.supervision_phone, g.village_code,
              v.name AS village_name, t.name AS township_name, k.name AS county_name, s.servers
       FROM grid_versions g
       LEFT JOIN divisions v ON v.code = g.village_code
       LEFT JOIN divisions t ON t.code = v.parent_code
       LEFT JOIN divisions k ON k.code = t.parent_code
       LEFT JOIN disclosure_servers s ON s.grid_code = g.code
       WHERE g.code = ?1 AND g.valid_from <= ?2 AND (g.valid_to IS NULL OR g.valid_to > ?2)`,
    )
    .bind(code, date)
    .first<Pick<GridVersionRow, "code" | "name" | "type" | "unit_name" | "area_description" | "supervision_phone"> & {
      village_name: string | null;
      township_name: string | null;
      county_name: string | null;
      servers: string | null;
    }>();
  if (!grid) return null;
  const servers = (grid.servers ? (JSON.parse(grid.servers) as Server[]) : [])
    .map(({ name, role, workPhone }) => ({ name: scrubPublicText(name), role, workPhone }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "zh-CN"));
  return {
    code: grid.code,
    name: scrubPublicText(grid.name),
    type: grid.type,
    unitName: scrubPublicText(grid.unit_name),
    villageName: scrubPublicText(grid.village_name ?? ""),
    townshipName: scrubPublicText(grid.township_name ?? ""),
    countyName: scrubPublicText(grid.county_name ?? ""),
    areaDescription: scrubPublicText(grid.area_description),
    supervisionPhone: grid.supervision_phone,
    workers: servers,
  };
}
