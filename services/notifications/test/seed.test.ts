import { generateCity } from "@civicgrid/demo-data";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { demoStatements } from "../seed/demo";

describe("demo seed", () => {
  it("applies cleanly to the migrated database, twice", async () => {
    const statements = demoStatements(generateCity());
    await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    await env.DB.batch(statements.map((s) => env.DB.prepare(s)));
    const prefs = await env.DB.prepare(
      "SELECT count(*) AS n FROM preferences WHERE owner_key LIKE 'dept:dept-%-police'",
    ).first<{ n: number }>();
    expect(prefs?.n).toBe(statements.length - 1);
    expect(prefs?.n).toBeGreaterThan(1);
    const sub = await env.DB.prepare("SELECT grid_code FROM subscriptions WHERE sub = 'demo-resident'").first<{
      grid_code: string;
    }>();
    expect(sub?.grid_code).toBe("440703002101001");
  });
});
