import { generateCity } from "@civicgrid/demo-data";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "@civicgrid/http";
import { DEMO_OPEN311_KEY, DEMO_OPEN311_KEY_HASH, DEMO_PLATFORM, demoStatements } from "../seed/demo";

describe("demo seed", () => {
  it("applies cleanly to the migrated database, twice, with the demo platform's mappings", async () => {
    const city = generateCity({});
    const statements = demoStatements(city);
    for (let i = 0; i < 2; i++) await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    const row = await env.DB.prepare("SELECT division_map, category_map FROM platforms WHERE id = ?1")
      .bind(DEMO_PLATFORM)
      .first<{ division_map: string; category_map: string }>();
    expect(JSON.parse(row?.division_map ?? "{}")).toMatchObject({ "440703": "440703000000" });
    expect(JSON.parse(row?.category_map ?? "{}")).toMatchObject({ "12345-0401": "0401" });
    const clients = await env.DB.prepare("SELECT count(*) AS n FROM open311_clients WHERE id = 'demo-app'").first<{
      n: number;
    }>();
    expect(clients?.n).toBe(1);
    expect(await sha256Hex(DEMO_OPEN311_KEY)).toBe(DEMO_OPEN311_KEY_HASH);
    const counties = city.divisions.filter((d) => d.level === "county").length;
    expect((await env.DB.prepare("SELECT count(*) AS n FROM open311_jurisdictions").first<{ n: number }>())?.n).toBe(
      counties,
    );
    // Every grid is a place, at its own point, under its county's jurisdiction.
    const grid = city.grids[0];
    const place = await env.DB.prepare(
      "SELECT county_code, grid_code, lng, lat FROM open311_places WHERE address_id = ?1",
    )
      .bind(grid?.code)
      .first();
    expect(place).toEqual({
      county_code: grid?.countyCode,
      grid_code: grid?.code,
      lng: grid?.center[0],
      lat: grid?.center[1],
    });
  });
});
