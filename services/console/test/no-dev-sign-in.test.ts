import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../src/app";

// A deployed environment: the same worker without the development keys.
const deployed = { ...env, DEV_ISSUER_PRIVATE_JWK: undefined, DEV_USERS: undefined };

describe("console worker without the dev issuer (every deployed environment)", () => {
  it("has no sign-in picker: /dev/users and /dev/token are 404 problems, and the app is told so", async () => {
    const users = await app.request("/dev/users", {}, deployed);
    expect(users.status).toBe(404);
    expect(users.headers.get("content-type")).toBe("application/problem+json");
    const token = await app.request(
      "/dev/token",
      { method: "POST", headers: { "content-type": "application/json" }, body: '{"sub":"demo-county-agency-440703"}' },
      deployed,
    );
    expect(token.status).toBe(404);
    const config = await (await app.request("/config.json", {}, deployed)).json();
    expect(config).toMatchObject({ devSignIn: false });
  });

  it("offers OpenID Connect when an issuer is configured, and lets the CSP reach it and the tile server", async () => {
    const configured = {
      ...deployed,
      OIDC_ISSUER: "https://id.example.gov.cn/realms/city",
      MAP_TILE_URL: "https://t{s}.tianditu.example/vec_w/wmts?x={x}&y={y}&l={z}",
    };
    const config = await (await app.request("/config.json", {}, configured)).json();
    expect(config).toMatchObject({
      oidc: { issuer: "https://id.example.gov.cn/realms/city", clientId: "civicgrid-console" },
      map: { tileUrl: "https://t{s}.tianditu.example/vec_w/wmts?x={x}&y={y}&l={z}" },
    });
    const csp = (await app.request("/", {}, configured)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("connect-src 'self' https://id.example.gov.cn https://t0.tianditu.example");
  });
});
