import type { Principal } from "@civicgrid/contracts";
import { jsonAs, principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseEvent, deliveriesOf, publish } from "./helpers";

/**
 * Issue 12 item 3: the platform administrator holds no jurisdiction scope of its own (no department, no
 * grids, every division). Every operation of this service, called as the platform administrator with a
 * well-formed request, answers below 500; the table must name every operation the service documents.
 */
const admin = principals.admin;
const call = async (p: Principal, method: string, path: string, body?: unknown, extra: Record<string, string> = {}) =>
  exports.default.fetch(`http://notifications${path}`, await jsonAs(p, method, body, extra));

type Call = { method: string; path: string; body?: unknown; headers?: Record<string, string> };
type Ids = { delivery: string };
const N = "/v1/notifications";
const DEAD = `${N}/dead-letters/dl_${"0".repeat(32)}`;
const get = (path: string): Call => ({ method: "GET", path });
const post = (path: string, body?: unknown): Call => ({ method: "POST", path, body });
const CALLS: Record<string, (ids: Ids) => Call> = {
  "get /v1/inbox": () => get("/v1/inbox?unread=true"),
  "get /v1/inbox/unread-count": () => get("/v1/inbox/unread-count"),
  "post /v1/inbox/read-all": () => post("/v1/inbox/read-all"),
  "post /v1/inbox/{id}/read": ({ delivery }) => post(`/v1/inbox/${delivery}/read`),
  "get /v1/notifications/preferences": () => get(`${N}/preferences?owner=department`),
  "put /v1/notifications/preferences": () => ({
    method: "PUT",
    path: `${N}/preferences`,
    body: { quietStart: null, quietEnd: null, digest: true },
    headers: { "if-match": '"v0"' },
  }),
  "get /v1/notifications/subscriptions": () => get(`${N}/subscriptions`),
  "post /v1/notifications/subscriptions": () => post(`${N}/subscriptions`, { gridCode: "440705001001001" }),
  "delete /v1/notifications/subscriptions/{gridCode}": () => ({
    method: "DELETE",
    path: `${N}/subscriptions/440705001001001`,
  }),
  "get /v1/notifications/templates": () => get(`${N}/templates`),
  "post /v1/notifications/templates/{code}/preview": () =>
    post(`${N}/templates/dispatch/preview`, { variables: { caseId: "c", title: "t", dueAt: "d" } }),
  "get /v1/notifications/rules": () => get(`${N}/rules`),
  "patch /v1/notifications/rules/{id}": () => ({
    method: "PATCH",
    path: `${N}/rules/work-order-sms`,
    body: { enabled: true },
    headers: { "if-match": '"v1"' },
  }),
  "get /v1/notifications/deliveries": () => get(`${N}/deliveries?status=sent`),
  "get /v1/notifications/deliveries/{id}": ({ delivery }) => get(`${N}/deliveries/${delivery}`),
  "post /v1/notifications/deliveries/{id}/redrive": ({ delivery }) => post(`${N}/deliveries/${delivery}/redrive`),
  "get /v1/notifications/dead-letters": () => get(`${N}/dead-letters?status=dead`),
  "get /v1/notifications/dead-letters/{id}": () => get(DEAD),
  "post /v1/notifications/dead-letters/{id}/redrive": () => post(`${DEAD}/redrive`),
  "get /v1/notifications/sms-sink": () => get(`${N}/sms-sink`),
};

describe("the platform administrator (a role with no jurisdiction scope)", () => {
  it("is answered below 500 by every operation of the service", async () => {
    const event = caseEvent("case.dispatched", { leadDepartmentId: "dept-440703-police" });
    await publish(event);
    const delivery = (await deliveriesOf(event.id))[0]!.id;
    const res = await exports.default.fetch("http://notifications/openapi.json");
    const doc = await res.json<{ paths: Record<string, Record<string, unknown>> }>();
    const ops = Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m} ${path}`));
    expect(ops.filter((op) => !(op in CALLS))).toEqual([]);
    const answers: Record<string, number> = {};
    for (const op of ops) {
      const c = CALLS[op]!({ delivery });
      answers[op] = (await call(admin, c.method, c.path, c.body, c.headers)).status;
    }
    expect(Object.entries(answers).filter(([, status]) => status >= 500)).toEqual([]);
  });
});
