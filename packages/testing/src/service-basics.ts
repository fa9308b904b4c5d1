import type { Health, ServiceName } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { asPrincipal } from "./headers";
import { principals } from "./principals";

interface ServiceEntry {
  health(): Promise<Health>;
  fetch(input: string, init?: RequestInit): Promise<Response>;
}

/**
 * What every service must do before anything of its own: answer health over RPC with its migrations
 * applied, refuse a request that did not come through the gateway, and answer an unknown route with
 * 404 problem+json. Each service's suite calls this with its own default export.
 */
export function describeServiceBasics(service: ServiceName, entry: () => ServiceEntry): void {
  describe(`${service} health and identity`, () => {
    it("answers health over RPC with its migrations applied", async () => {
      const health = await entry().health();
      expect(health).toMatchObject({ service, ok: true, database: "ok" });
      expect(health.migrations).toBeGreaterThanOrEqual(1);
    });

    it("refuses a request that did not come through the gateway", async () => {
      const res = await entry().fetch(`http://${service}/v1/anything`);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = await res.json<{ code: string; requestId: string }>();
      expect(body.code).toBe("unauthorized");
      expect(body.requestId).toMatch(/.{8,}/);
    });

    it("answers an unknown route with 404 problem+json for a forwarded caller", async () => {
      const res = await entry().fetch(`http://${service}/v1/nothing-here`, { headers: await asPrincipal(principals.cityAgency) });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ status: 404, code: "not_found" });
    });
  });
}
