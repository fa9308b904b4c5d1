import type { Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseEvent, publish, runBatch } from "./helpers";

const base = "http://notifications";
type Page = { items: { id: string; title: string; read: boolean; caseId: string | null }[]; nextCursor: string | null };
const call = async (p: Principal, method: string, path: string, body?: unknown) =>
  exports.default.fetch(`${base}${path}`, await jsonAs(p, method, body));
const inboxOf = async (p: Principal, query = "") => (await call(p, "GET", `/v1/inbox${query}`)).json<Page>();
const unread = async (p: Principal) =>
  (await (await call(p, "GET", "/v1/inbox/unread-count")).json<{ unread: number }>()).unread;
const caseIds = (page: Page) => page.items.map((m) => m.caseId);

// Own principals so counts are not disturbed by the other suites' events.
const police: Principal = {
  sub: "t-inbox-police",
  roles: ["department"],
  divisionCode: "440703000000",
  departmentId: "dept-440705-police",
};
const xinhuiAgency: Principal = { sub: "t-inbox-xh", roles: ["agency"], divisionCode: "440705001000" };
const pengjiangTownship: Principal = { sub: "t-inbox-pj", roles: ["agency"], divisionCode: "440703001000" };
const resident: Principal = { sub: "t-inbox-resident", roles: ["resident"], divisionCode: "440700000000" };
const neighbour: Principal = { sub: "t-inbox-neighbour", roles: ["resident"], divisionCode: "440700000000" };

describe("the inbox", () => {
  it("lists a department's messages newest first with a cursor, counts and marks them read", async () => {
    const events = [1, 2, 3].map((n) =>
      caseEvent(
        "case.dispatched",
        { leadDepartmentId: "dept-440705-police", countyCode: "440705000000", title: `新会案件${n}` },
        `2026-03-1${n}T01:00:00.000Z`,
      ),
    );
    for (const e of events) await publish(e);
    expect(await unread(police)).toBe(3);
    const first = await inboxOf(police, "?limit=2");
    expect(first.items.map((m) => m.title)).toEqual(["新派遣案件：新会案件3", "新派遣案件：新会案件2"]);
    const second = await inboxOf(police, `?limit=2&cursor=${first.nextCursor}`);
    expect(second.items.map((m) => m.title)).toEqual(["新派遣案件：新会案件1"]);
    expect(second.nextCursor).toBeNull();

    const read = await call(police, "POST", `/v1/inbox/${first.items[0]!.id}/read`);
    expect(await read.json()).toMatchObject({ id: first.items[0]!.id, read: true });
    expect(await unread(police)).toBe(2);
    expect((await inboxOf(police, "?unread=true")).items).toHaveLength(2);
    expect(await (await call(police, "POST", "/v1/inbox/read-all")).json()).toEqual({ marked: 2 });
    expect(await unread(police)).toBe(0);
    expect((await inboxOf(police)).items.every((m) => m.read)).toBe(true);
  });

  it("shows a message only to the keys it is addressed to: not another department, county or resident", async () => {
    const event = caseEvent("case.escalated", { holderDivisionCode: "440703001000", details: { reason: "跨村纠纷" } });
    const closed = caseEvent("case.check_passed", { status: "closed", reporterSub: resident.sub });
    await publish(event, closed);
    expect(caseIds(await inboxOf(pengjiangTownship))).toContain(event.data.caseId);
    expect(caseIds(await inboxOf(xinhuiAgency))).not.toContain(event.data.caseId);
    expect(caseIds(await inboxOf(principals.countyAgency))).not.toContain(event.data.caseId);
    expect(caseIds(await inboxOf(principals.otherDepartment))).not.toContain(event.data.caseId);
    expect(caseIds(await inboxOf(resident))).toEqual([closed.data.caseId]);
    expect((await inboxOf(neighbour)).items).toEqual([]);

    const theirs = (await inboxOf(resident)).items[0]!.id;
    const poke = await call(neighbour, "POST", `/v1/inbox/${theirs}/read`);
    expect(poke.status).toBe(404);
    expect((await inboxOf(resident)).items[0]!.read).toBe(false);
  });

  it("shows grid disclosure changes to subscribers from the time they subscribed, until they unsubscribe", async () => {
    const grid = "440703001001002";
    const change = (v: number) => ({
      id: `registry:${grid}:${v}`,
      type: "registry.disclosure.changed",
      source: "registry",
      aggregateId: grid,
      version: v,
      occurredAt: new Date().toISOString(),
      data: { gridCode: grid },
    });
    await runBatch("civicgrid-registry-events", [change(1)]);
    const subscribed = await exports.default.fetch(
      `${base}/v1/notifications/subscriptions`,
      await jsonAs(neighbour, "POST", { gridCode: grid }, { "idempotency-key": "sub-neighbour-0001" }),
    );
    expect(subscribed.status).toBe(201);
    expect((await inboxOf(neighbour)).items).toEqual([]);
    await new Promise((r) => setTimeout(r, 5));
    await runBatch("civicgrid-registry-events", [change(2)]);
    expect((await inboxOf(neighbour)).items.map((m) => m.title)).toEqual(["网格公示信息更新"]);
    expect((await inboxOf(resident)).items.map((m) => m.title)).not.toContain("网格公示信息更新");
    expect((await call(neighbour, "DELETE", `/v1/notifications/subscriptions/${grid}`)).status).toBe(204);
    expect((await inboxOf(neighbour)).items).toEqual([]);
    expect((await call(neighbour, "DELETE", `/v1/notifications/subscriptions/${grid}`)).status).toBe(404);
  });

  it("refuses bad queries and ids with 400 naming the field, and callers without a gateway token", async () => {
    const limit = await call(police, "GET", "/v1/inbox?limit=0");
    expect(limit.status).toBe(400);
    expect((await limit.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe("query.limit");
    const cursor = await call(police, "GET", "/v1/inbox?cursor=garbage");
    expect((await cursor.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe("query.cursor");
    const id = await call(police, "POST", "/v1/inbox/not-an-id/read");
    expect((await id.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe("path.id");
    const grid = await call(neighbour, "POST", "/v1/notifications/subscriptions", { gridCode: "123" });
    expect((await grid.json<{ errors: { field: string }[] }>()).errors[0]!.field).toBe("body.gridCode");
    expect((await exports.default.fetch(`${base}/v1/inbox`)).status).toBe(401);
  });
});
