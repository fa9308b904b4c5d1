import { principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { rosterStatus, STATUS_MAX_ENTRIES, STATUS_TTL_MS, statusCacheSize } from "../src/middleware/principal-status";
import { bearer, token } from "./tokens";

const url = "https://api.civicgrid.test/v1/grids";
type RosterStub = { principalStatusCalls(sub: string): Promise<number> };
const rosterStub = env.ROSTER as unknown as RosterStub;

async function refusal(res: Response) {
  expect(res.status).toBe(401);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return res.json<{ code: string; reason: string }>();
}

describe("gateway: the roster's word on a subject", () => {
  it("refuses a validly signed token of a dismissed worker with 401 revoked", async () => {
    const res = await exports.default.fetch(url, bearer(await token({ ...principals.gridWorker, sub: "t-dismissed" })));
    expect(await refusal(res)).toMatchObject({ code: "unauthorized", reason: "revoked" });
  });

  it("refuses a subject the roster does not know, unless it is a resident", async () => {
    const stranger = await exports.default.fetch(
      url,
      bearer(await token({ ...principals.countyAgency, sub: "t-nobody" })),
    );
    expect(await refusal(stranger)).toMatchObject({ reason: "revoked" });
    const resident = await exports.default.fetch(
      url,
      bearer(await token({ ...principals.resident, sub: "t-some-resident" })),
    );
    expect(resident.status).toBe(200);
  });

  it("lets an active subject through and asks the roster at most once a minute", async () => {
    const jwt = await token(principals.otherDepartment);
    const before = await rosterStub.principalStatusCalls(principals.otherDepartment.sub);
    for (let i = 0; i < 3; i++) expect((await exports.default.fetch(url, bearer(jwt))).status).toBe(200);
    expect(await rosterStub.principalStatusCalls(principals.otherDepartment.sub)).toBe(before + 1);
  });
});

describe("rosterStatus cache", () => {
  it("asks again once the minute has passed, so a dismissal applies within a minute", async () => {
    let active = true;
    let calls = 0;
    const source = { principalStatus: async () => (calls++, active ? { active } : { active, reason: "dismissed" }) };
    const p = { ...principals.hr, sub: "t-cache-probe" };
    const t0 = 1_000_000;
    expect(await rosterStatus(source, p, t0)).toEqual({ active: true });
    active = false;
    expect((await rosterStatus(source, p, t0 + STATUS_TTL_MS - 1)).active).toBe(true);
    expect(await rosterStatus(source, p, t0 + STATUS_TTL_MS)).toMatchObject({ active: false, reason: "dismissed" });
    expect(calls).toBe(2);
  });

  it("holds at most STATUS_MAX_ENTRIES subjects, forgetting the least recently seen (not all at once)", async () => {
    const asked = new Map<string, number>();
    const source = {
      principalStatus: async (sub: string) => (asked.set(sub, (asked.get(sub) ?? 0) + 1), { active: true }),
    };
    const as = (sub: string) => ({ ...principals.hr, sub });
    const t0 = 5_000_000;
    await rosterStatus(source, as("t-regular"), t0);
    // Fill the rest of the cache: anything cached before is older than these and goes first.
    for (let i = 0; i < STATUS_MAX_ENTRIES - 1; i++) await rosterStatus(source, as(`t-filler-${i}`), t0);
    await rosterStatus(source, as("t-regular"), t0 + 1); // seen again: now the most recently seen
    await rosterStatus(source, as("t-newcomer"), t0 + 2); // one over the bound: the oldest filler goes
    expect(statusCacheSize()).toBe(STATUS_MAX_ENTRIES);
    await rosterStatus(source, as("t-regular"), t0 + 3);
    await rosterStatus(source, as("t-filler-1"), t0 + 3);
    await rosterStatus(source, as("t-filler-0"), t0 + 3);
    expect([asked.get("t-regular"), asked.get("t-filler-1"), asked.get("t-filler-0")]).toEqual([1, 1, 2]);
  });

  it("never asks about a resident-only principal", async () => {
    const source = { principalStatus: () => Promise.reject(new Error("must not be called")) };
    expect(await rosterStatus(source, principals.resident)).toEqual({ active: true });
  });
});
