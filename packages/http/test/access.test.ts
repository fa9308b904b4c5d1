import type { Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { Hono, type Context } from "hono";
import { describe, expect, it } from "vitest";
import { authorize, authorizeEver, handleError, listScope } from "../src";

// The access checks every service's routes use (issue 13 item 4): one authorize, one list scope.
type Answer = (c: Context) => Promise<unknown> | unknown;

/** Runs `answer` in a request made by `principal`; its result as JSON, or the problem it threw. */
async function asCaller(principal: Principal, answer: Answer, query = "") {
  const app = new Hono();
  app.use("*", async (c, next) => {
    c.set("principal" as never, principal as never);
    await next();
  });
  app.get("/", async (c) => c.json((await answer(c)) as object));
  app.onError((error, c) => handleError("kit", error, c));
  const res = await app.request(`/${query}`);
  return { status: res.status, body: await res.json<Record<string, unknown>>() };
}

describe("authorize", () => {
  it("gives the caller and the roles through which the action is allowed", async () => {
    const res = await asCaller(principals.countyAgency, (c) =>
      authorize(c, "grid:write", { divisionCode: "440703001001" }),
    );
    expect(res).toEqual({ status: 200, body: { principal: principals.countyAgency, roles: ["agency"] } });
  });

  it("refuses outside the caller's jurisdiction or role with 403 problem+json", async () => {
    const outside = await asCaller(principals.countyAgency, (c) =>
      authorize(c, "grid:write", { divisionCode: "440705001001" }),
    );
    expect(outside).toMatchObject({ status: 403, body: { code: "forbidden" } });
    const role = await asCaller(principals.department, (c) =>
      authorize(c, "grid:write", { divisionCode: "440703001001" }),
    );
    expect(role.status).toBe(403);
  });
});

describe("authorizeEver", () => {
  it("lets a role that may take the action somewhere through, and refuses one that never may", async () => {
    expect(await asCaller(principals.gridWorker, (c) => authorizeEver(c, "grid:read"))).toMatchObject({ status: 200 });
    expect(await asCaller(principals.resident, (c) => authorizeEver(c, "grid:read"))).toMatchObject({ status: 403 });
  });
});

describe("listScope", () => {
  const scopeOf =
    (action: Parameters<typeof listScope>[1], options?: Parameters<typeof listScope>[3]) => (c: Context) =>
      listScope(c, action, c.req.query("divisionCode"), options).then(({ scope }) => scope);

  it("scopes the caller's list by role when no division is asked", async () => {
    expect((await asCaller(principals.admin, scopeOf("grid:read"))).body).toEqual({ all: true });
    expect((await asCaller(principals.countyAgency, scopeOf("user:read"))).body).toEqual({ prefix: "440703" });
    expect((await asCaller(principals.gridWorker, scopeOf("grid:read", { byGrid: true }))).body).toEqual({
      grids: ["440703001001001"],
    });
    expect((await asCaller(principals.gridWorker, scopeOf("department:read"))).body).toEqual({
      prefix: "440703001001",
    });
  });

  it("cuts the list down to an asked division within the caller's jurisdiction", async () => {
    const res = await asCaller(principals.countyAgency, scopeOf("worker:read"), "?divisionCode=440703001000");
    expect(res).toEqual({ status: 200, body: { prefix: "440703001" } });
    const admin = await asCaller(principals.admin, scopeOf("grid:read"), "?divisionCode=440705000000");
    expect(admin.body).toEqual({ prefix: "440705" });
  });

  it("refuses an asked division outside the caller's jurisdiction, naming the field", async () => {
    const res = await asCaller(principals.countyAgency, scopeOf("worker:read"), "?divisionCode=440705000000");
    expect(res).toMatchObject({ status: 403, body: { code: "forbidden", errors: [{ field: "query.divisionCode" }] } });
  });

  it("answers 422 for an asked division its resolver does not know", async () => {
    const resolve = async () => null;
    const res = await asCaller(
      principals.countyAgency,
      scopeOf("grid:read", { resolve }),
      "?divisionCode=440703999000",
    );
    expect(res).toMatchObject({ status: 422, body: { errors: [{ field: "query.divisionCode" }] } });
  });

  it("refuses a caller none of whose roles may list", async () => {
    expect((await asCaller(principals.resident, scopeOf("worker:read"))).status).toBe(403);
    expect((await asCaller(principals.gridWorker, scopeOf("user:read"), "?divisionCode=440703001001")).status).toBe(
      403,
    );
  });
});
