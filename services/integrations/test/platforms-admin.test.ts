import { asPrincipal, principals } from "@civicgrid/testing";
import type { Principal } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { base, createdEvent, PLATFORM, SECRETS, seedPlatform, sendWebhook } from "./helpers";

type Problem = { status: number; errors?: { field: string }[] };
type View = {
  id: string;
  version: number;
  callbackUrl: string;
  categoryMap: Record<string, string>;
  divisionMap: Record<string, string>;
  secrets: { id: string; expiresAt: string | null }[];
};

async function call(
  who: Principal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return exports.default.fetch(`${base}/v1/integrations/platforms${path}`, {
    method,
    headers: { ...(await asPrincipal(who)), "content-type": "application/json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const fieldsOf = async (res: Response) => ((await res.json<Problem>()).errors ?? []).map((e) => e.field);
const audit = async (id: string) =>
  (
    await (
      await call(principals.admin, "GET", `/${id}/audit`)
    ).json<{ items: { action: string; actor: string; changes: Record<string, unknown> }[] }>()
  ).items;

const newPlatform = {
  id: "pingan-pj",
  name: "平安蓬江 (test)",
  divisionCode: "440703000000",
  callbackUrl: "https://pingan.example.cn/cb",
  divisionMap: { PJ: "440703000000" },
};

beforeAll(() => seedPlatform());

describe("platform administration", () => {
  it("creates a platform for a division within the caller's jurisdiction, once, and audits it", async () => {
    const res = await call(principals.countyAgency, "POST", "", newPlatform);
    expect(res.status).toBe(201);
    expect(res.headers.get("etag")).toBe('"v1"');
    expect(await res.json<View>()).toMatchObject({ id: "pingan-pj", version: 1, secrets: [] });
    const again = await call(principals.countyAgency, "POST", "", newPlatform);
    expect(again.status).toBe(409);
    expect(await fieldsOf(again)).toEqual(["body.id"]);
    expect((await audit("pingan-pj")).map((e) => [e.action, e.actor])).toEqual([["created", "t-county-pj"]]);
  });

  it("refuses a division outside the caller's jurisdiction (403) and bad fields (400, 422), naming each", async () => {
    const outside = await call(principals.otherCountyAgency, "POST", "", { ...newPlatform, id: "xh-1" });
    expect(outside.status).toBe(403);
    expect(await fieldsOf(outside)).toEqual(["body.divisionCode", "body.divisionMap.PJ"]);
    const mapOutside = await call(principals.countyAgency, "POST", "", {
      ...newPlatform,
      id: "pj-2",
      divisionMap: { XH: "440705001000" },
    });
    expect(mapOutside.status).toBe(403);
    expect(await fieldsOf(mapOutside)).toEqual(["body.divisionMap.XH"]);
    const notServed = await call(principals.cityAgency, "POST", "", {
      ...newPlatform,
      id: "pj-3",
      divisionMap: { XH: "440705001000" },
    });
    expect(notServed.status).toBe(422);
    expect(await fieldsOf(notServed)).toEqual(["body.divisionMap.XH"]);
    const bad = await call(principals.cityAgency, "POST", "", {
      ...newPlatform,
      id: "pj-4",
      callbackUrl: "http://pingan.example.cn/cb",
      secret: "x",
    });
    expect(bad.status).toBe(400);
    expect((await fieldsOf(bad)).sort()).toEqual(["body", "body.callbackUrl"]);
    expect((await call(principals.gridWorker, "GET", "/pingan-pj")).status).toBe(403);
  });

  it("updates with If-Match only (428 without, 412 when stale) and audits each changed field", async () => {
    expect(
      (await call(principals.countyAgency, "PATCH", "/pingan-pj", { callbackUrl: "https://pingan.example.cn/v2" }))
        .status,
    ).toBe(428);
    const stale = await call(principals.countyAgency, "PATCH", "/pingan-pj", { active: false }, { "if-match": '"v9"' });
    expect(stale.status).toBe(412);
    const ok = await call(
      principals.countyAgency,
      "PATCH",
      "/pingan-pj",
      { callbackUrl: "https://pingan.example.cn/v2" },
      { "if-match": '"v1"' },
    );
    expect(ok.status).toBe(200);
    expect(await ok.json<View>()).toMatchObject({ version: 2, callbackUrl: "https://pingan.example.cn/v2" });
    const [last] = await audit("pingan-pj");
    expect(last).toMatchObject({
      action: "updated",
      changes: { callbackUrl: { from: "https://pingan.example.cn/cb", to: "https://pingan.example.cn/v2" } },
    });
  });

  it("sets and removes code mappings, checking mapped divisions through the shared jurisdiction rule", async () => {
    const set = await call(
      principals.countyAgency,
      "PATCH",
      "/pingan-pj/mappings",
      { categoryMap: { "PA-01": "urban.street_vending" }, divisionMap: { PJ: null, HS: "440703001000" } },
      { "if-match": '"v2"' },
    );
    expect(set.status).toBe(200);
    expect(await set.json<View>()).toMatchObject({
      version: 3,
      categoryMap: { "PA-01": "urban.street_vending" },
      divisionMap: { HS: "440703001000" },
    });
    const outside = await call(
      principals.countyAgency,
      "PATCH",
      "/pingan-pj/mappings",
      { divisionMap: { XH: "440705000000" } },
      { "if-match": '"v3"' },
    );
    expect(outside.status).toBe(403);
    expect(await fieldsOf(outside)).toEqual(["body.divisionMap.XH"]);
    const [last] = await audit("pingan-pj");
    expect(last).toMatchObject({
      action: "mappings_changed",
      changes: {
        "divisionMap.PJ": { from: "440703000000", to: null },
        "categoryMap.PA-01": { from: null, to: "urban.street_vending" },
      },
    });
  });

  it("rotates a secret: shown once, the old ones verify until the grace period ends, never in a view or the audit", async () => {
    const view = await (await call(principals.cityAgency, "GET", `/${PLATFORM}`)).json<View>();
    const rotated = await call(
      principals.cityAgency,
      "POST",
      `/${PLATFORM}/secrets/rotate`,
      { graceHours: 24 },
      { "if-match": `"v${view.version}"` },
    );
    expect(rotated.status).toBe(201);
    const { secret, previousValidUntil } = await rotated.json<{ secret: string; previousValidUntil: string }>();
    expect(secret).toMatch(/^whsec_/);
    expect((await sendWebhook(createdEvent("ROT-1"), { secrets: [secret] })).status).toBe(201);
    expect((await sendWebhook(createdEvent("ROT-2"), { secrets: SECRETS.slice(0, 1) })).status).toBe(201);
    const during = await (await call(principals.cityAgency, "GET", `/${PLATFORM}`)).json<View>();
    expect(during.secrets.map((s) => [s.id, s.expiresAt])).toEqual([
      ["issued-1", null],
      ["setting-1", previousValidUntil],
      ["setting-2", previousValidUntil],
    ]);
    const leaked = await call(
      principals.cityAgency,
      "POST",
      `/${PLATFORM}/secrets/rotate`,
      { graceHours: 0 },
      { "if-match": `"v${during.version}"` },
    );
    const newest = (await leaked.json<{ secret: string }>()).secret;
    expect((await sendWebhook(createdEvent("ROT-3"), { secrets: [secret] })).status).toBe(401);
    expect((await sendWebhook(createdEvent("ROT-4"), { secrets: SECRETS.slice(0, 1) })).status).toBe(401);
    expect((await sendWebhook(createdEvent("ROT-5"), { secrets: [newest] })).status).toBe(201);
    const everything = JSON.stringify([await audit(PLATFORM), await (await call(principals.admin, "GET", "")).json()]);
    expect(everything).not.toContain(secret.slice(6, 20));
    expect(everything).not.toContain(newest.slice(6, 20));
    expect((await audit(PLATFORM)).map((e) => e.action)).toEqual(["secret_rotated", "secret_rotated"]);
  });
});
