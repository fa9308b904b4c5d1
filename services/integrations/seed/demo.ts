import { CASE_CATEGORIES, type City } from "@civicgrid/demo-data";

/** The demo platform's callbacks go to this worker's own receiver, so `npm run dev` shows them arriving. */
export const DEMO_PLATFORM = "demo-12345";
export const DEMO_CALLBACK_URL = `https://integrations.internal/v1/integrations/receiver/${DEMO_PLATFORM}`;
/** A local-only api_key for trying Open311 with `npm run dev` (only its hash is stored). */
export const DEMO_OPEN311_KEY = "demo-open311-key-local-only";
/** Its SHA-256, precomputed because the seed runs synchronously in Node (the seed test checks they agree). */
export const DEMO_OPEN311_KEY_HASH = "25aa62d99607bb0143f6edce0e9f8b829b16ebe0a279d2bbbfbf9f7d5405eaef";

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Places a report may name instead of a point (Open311 address_id / address_string): every grid by its code and
 * name, and every village (community) by its code and name, at a point inside one of its grids. The registry
 * confirms each point when a report uses it, so a stale entry is refused rather than misplaced.
 */
function placeStatements(city: City): string[] {
  const firstGrid = new Map<string, City["grids"][number]>();
  for (const g of city.grids) if (!firstGrid.has(g.villageCode)) firstGrid.set(g.villageCode, g);
  const place = (county: string, id: string, name: string, grid: City["grids"][number]) =>
    `INSERT OR IGNORE INTO open311_places (county_code, address_id, name, grid_code, lng, lat) VALUES (${quote(county)}, ${quote(id)}, ${quote(name)}, ${quote(grid.code)}, ${grid.center[0]}, ${grid.center[1]})`;
  const villages = city.divisions.flatMap((d) => {
    const grid = d.level === "village" ? firstGrid.get(d.code) : undefined;
    return grid ? [place(grid.countyCode, d.code, d.name, grid)] : [];
  });
  return [...city.grids.map((g) => place(g.countyCode, g.code, g.name, g)), ...villages];
}

/**
 * The demo 12345 hotline: its category codes are ours prefixed with "12345-", its division codes are the short
 * forms of our county (6 digits) and township (9 digits) codes, as hotline systems often carry them.
 */
export function demoStatements(city: City): string[] {
  const categoryMap = Object.fromEntries(CASE_CATEGORIES.map((c) => [`12345-${c.code}`, c.code]));
  const divisionMap = Object.fromEntries(
    city.divisions
      .filter((d) => d.level === "county" || d.level === "township")
      .map((d) => [d.level === "county" ? d.code.slice(0, 6) : d.code.slice(0, 9), d.code]),
  );
  return [
    `INSERT OR IGNORE INTO platforms (id, name, division_code, callback_url, active, category_map, division_map, updated_at) VALUES (${quote(DEMO_PLATFORM)}, '江门 12345 热线 (demo)', '440700000000', ${quote(DEMO_CALLBACK_URL)}, 1, ${quote(JSON.stringify(categoryMap))}, ${quote(JSON.stringify(divisionMap))}, '2026-10-01T00:00:00Z')`,
    ...city.divisions
      .filter((d) => d.level === "county")
      .map(
        (d) =>
          `INSERT OR IGNORE INTO open311_jurisdictions (county_code, name, opened_at) VALUES (${quote(d.code)}, ${quote(d.name)}, '2026-10-01T00:00:00Z')`,
      ),
    ...placeStatements(city),
    `INSERT OR IGNORE INTO open311_clients (id, name, key_hash, requests_per_minute, active, created_at) VALUES ('demo-app', '江门群众 app (demo)', ${quote(DEMO_OPEN311_KEY_HASH)}, 60, 1, '2026-10-01T00:00:00Z')`,
  ];
}
