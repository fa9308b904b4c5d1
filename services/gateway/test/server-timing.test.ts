import { principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";
import { bearer, token } from "./tokens";

const url = "https://api.civicgrid.test/v1/cases";
const console = "https://console.example.cn";

/** Server-Timing metric names in a response, e.g. ["gw-verify", "cases-echo"]. */
function metrics(res: Response): string[] {
  return (res.headers.get("server-timing") ?? "")
    .split(",")
    .map((entry) => entry.split(";")[0]!.trim())
    .filter(Boolean);
}

describe("gateway Server-Timing, off by default (a deployment does not leak its internal timings)", () => {
  it("sends no Server-Timing and drops the service's own", async () => {
    const res = await exports.default.fetch(url, bearer(await token(principals.countyAgency)));
    expect(res.status).toBe(200);
    expect(res.headers.get("server-timing")).toBeNull();
  });

  it("does not expose Server-Timing to the console through CORS", async () => {
    const res = await exports.default.fetch(url, {
      headers: { ...bearer(await token(principals.countyAgency)).headers, origin: console },
    });
    expect(res.headers.get("access-control-expose-headers")).not.toMatch(/server-timing/i);
  });
});

describe("gateway Server-Timing with SERVER_TIMING=on (local development, benchmarks)", () => {
  const on = { ...env, SERVER_TIMING: "on" };

  it("times each of the gateway's hops and passes the service's spans through", async () => {
    const res = await app.fetch(new Request(url, bearer(await token(principals.countyAgency))), on);
    expect(res.status).toBe(200);
    expect(metrics(res)).toEqual(
      expect.arrayContaining(["gw-verify", "gw-roster", "gw-sign", "gw-upstream", "gw-total", "cases-echo"]),
    );
    for (const entry of res.headers
      .get("server-timing")!
      .split(",")
      .filter((e) => e.includes("gw-")))
      expect(entry).toMatch(/;dur=\d+(\.\d+)?/);
  });

  it("times a refused request too, without a service span", async () => {
    const res = await app.fetch(new Request(url, { headers: { authorization: "Bearer not.a.jwt" } }), on);
    expect(res.status).toBe(401);
    expect(metrics(res)).toEqual(expect.arrayContaining(["gw-verify", "gw-total"]));
    expect(metrics(res)).not.toContain("gw-upstream");
  });

  it("exposes Server-Timing to the console through CORS", async () => {
    const res = await app.fetch(
      new Request(url, { headers: { ...bearer(await token(principals.countyAgency)).headers, origin: console } }),
      on,
    );
    expect(res.headers.get("access-control-expose-headers")).toMatch(/server-timing/i);
  });
});
