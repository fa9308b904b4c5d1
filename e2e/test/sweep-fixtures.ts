// What the authorization sweep sends: its callers, county A's real ids in path, query and body, and its skips.
import { call } from "./client";
import { report } from "./cases-client";
import { pointIn, WORKER_GRID } from "./places";
import { baseDataIds, VILLAGE_A, type BaseDataIds } from "./sweep-basedata-ids";

/** Every demo role; `countyB` marks the callers of 新会区 (440705) that must never reach 蓬江区 (440703). */
export const CALLERS: { sub: string | null; role: string; countyB?: true }[] = [
  { sub: null, role: "anonymous" },
  { sub: "demo-platform-admin", role: "platform admin" },
  { sub: "demo-city-agency", role: "city agency" },
  { sub: "demo-county-agency-440703", role: "county agency A" },
  { sub: "demo-township-agency", role: "township agency A" },
  { sub: "demo-village-agency", role: "village agency A" },
  { sub: "demo-hr", role: "hr (city)" },
  { sub: "demo-department-440703-police", role: "department A" },
  { sub: "demo-grid-worker", role: "grid worker A" },
  { sub: "demo-resident", role: "resident" },
  { sub: "demo-county-agency-440705", role: "county agency B", countyB: true },
  { sub: "user-agency-440705001-1", role: "township agency B", countyB: true },
  { sub: "user-dept-440705-police", role: "department B", countyB: true },
  { sub: "user-hr-440705-1", role: "hr B", countyB: true },
  { sub: "user-worker-440705001002001-chief", role: "grid worker B", countyB: true },
];

const COUNTY_A = "440703000000";
const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

/**
 * A write that an empty body would not stop (no body, or a body with nothing required) would really act on
 * shared demo data when a caller who may do it sends it (e.g. remove the demo grid worker's user, start a real
 * assignment, approve county A's pending matter change, rotate the demo platform's secret, redrive or replay a
 * delivery, file county A's layout). So those are sent only by the callers of county B (who must be refused),
 * except these, which act only on what the sweep made for itself (its two cases, its patrol) or on the caller's
 * own inbox and check-ins.
 */
export const SAFE_WITH_EMPTY_BODY = new Set([
  "POST /v1/cases/{id}/verify",
  "POST /v1/cases/{id}/accept",
  "POST /v1/cases/{id}/sign",
  "POST /v1/cases/{id}/archive",
  "POST /v1/patrols",
  "POST /v1/patrols/{id}/end",
  "POST /v1/checkins",
  "POST /v1/inbox/read-all",
  "POST /v1/inbox/{id}/read",
  "DELETE /v1/notifications/subscriptions/{gridCode}",
]);

/** Not swept at all: they carry no bearer token (a signature or api_key instead) and are probed once, unsigned. */
export const UNSIGNED_ONLY = [/^\/webhooks\//, /^\/open311\//, /^\/v1\/integrations\/receiver\/\{platform\}$/];

/** Named resources that are not county A's, so a 2xx for county B there is no leak (with why). */
export const NOT_COUNTY_A = new Set([
  "GET /v1/divisions/{code}", // the statistical division codes and names are published reference data
  "GET /v1/divisions/{code}/ancestors",
  "GET /v1/divisions/{code}/subtree",
  "PATCH /v1/matters/categories/{code}", // the city's catalogue, not a county's
  "GET /v1/patrols/days/{day}", // the caller's own day
  "POST /v1/notifications/templates/{code}/preview", // message templates are the platform's
  "DELETE /v1/notifications/subscriptions/{gridCode}", // removes the caller's own subscription, if any
  "POST /v1/inbox/read-all", // the caller's own inbox
  "PUT /v1/notifications/preferences",
  "POST /v1/cases", // a report at a point: where a grid worker may report is the cases service's rule, not scope
  "POST /v1/checkins",
  "POST /v1/patrols",
  "POST /v1/lookup/batch", // a point lookup, answered like the public locate
  "POST /v1/assessments/recompute", // names no county: recomputes the caller's own scope
]);

export interface Ids {
  caseId: string;
  otherCaseId: string;
  values: Record<string, string>;
  basedata: BaseDataIds;
}

const first = async (path: string, as: string, field = "id") => {
  const res = await call(path, { as });
  const items = (res.json?.items ?? res.json?.[Object.keys(res.json ?? {})[0] ?? ""]) as
    Record<string, unknown>[] | undefined;
  return Array.isArray(items) && items[0] ? String(items[0][field]) : undefined;
};

/** Real ids of county A's demo data (and two fresh cases the sweep may move through their states). */
export async function countyAIds(): Promise<Ids> {
  const county = "demo-county-agency-440703";
  const worker = "demo-grid-worker";
  const body = {
    title: "越权测试事件",
    description: "授权遍历测试所用事件",
    categoryCode: "0801",
    ...pointIn(WORKER_GRID),
  };
  const [c1, c2] = [await report(worker, body), await report(worker, body)];
  const patrol = await call("/v1/patrols", { as: worker, body: {} });
  return {
    caseId: c1.id,
    otherCaseId: c2.id,
    basedata: await baseDataIds(),
    values: {
      case: c1.id,
      layout: (await first("/v1/layouts", county)) ?? "440703-1",
      changeRequest: (await first("/v1/matters/change-requests", county)) ?? "mcr-00000000-0000-4000-8000-000000000000",
      worker: (await first("/v1/workers?limit=1", county)) ?? "w-none",
      assignment: (await first("/v1/assignments?limit=1", county)) ?? "a-none",
      inbox: (await first("/v1/inbox", worker)) ?? `dlv_${"0".repeat(32)}`,
      delivery: (await first("/v1/notifications/deliveries", "demo-platform-admin")) ?? `dlv_${"0".repeat(32)}`,
      rule: (await first("/v1/notifications/rules", county)) ?? "none",
      template: (await first("/v1/notifications/templates", county, "code")) ?? "case_closed",
      patrol: String(
        (patrol.json?.id as string | undefined) ?? (await first("/v1/patrols/days/" + today, worker)) ?? "p-none",
      ),
      inbound: (await first("/v1/integrations/inbound", "demo-platform-admin")) ?? "1",
      callback: (await first("/v1/integrations/deliveries", "demo-platform-admin")) ?? `msg_${"0".repeat(26)}`,
      deadLetter: (await first("/v1/notifications/dead-letters", "demo-platform-admin")) ?? "unknown",
    },
  };
}

/** County A's value for a path parameter, by its name and where it stands. */
export function pathValue(path: string, name: string, ids: Ids): string {
  const v = ids.values;
  if (name === "code")
    return path.startsWith("/v1/divisions")
      ? "440703002101"
      : path.includes("/matters/")
        ? "0801"
        : path.includes("/templates/")
          ? v.template!
          : WORKER_GRID;
  if (name === "countyCode") return COUNTY_A;
  if (name === "sub") return "demo-grid-worker";
  if (name === "gridCode") return WORKER_GRID;
  if (name === "day") return today;
  if (name === "number") return "1";
  if (name === "objectionId") return "1";
  if (name === "matterCode") return "A1";
  if (name === "platform") return "demo-12345";
  if (name !== "id") return "unknown";
  const byPrefix: [string, string][] = [
    ["/v1/cases/", v.case!],
    ["/v1/public/cases/", v.case!],
    ["/v1/layouts/", v.layout!],
    ["/v1/matters/change-requests/", v.changeRequest!],
    ["/v1/workers/", v.worker!],
    ["/v1/assignments/", v.assignment!],
    ["/v1/departments/", "dept-440703-police"],
    ["/v1/inbox/", v.inbox!],
    ["/v1/notifications/rules/", v.rule!],
    ["/v1/notifications/deliveries/", v.delivery!],
    ["/v1/notifications/dead-letters/", v.deadLetter!],
    ["/v1/patrols/", v.patrol!],
    ["/v1/integrations/inbound/", v.inbound!],
    ["/v1/integrations/deliveries/", v.callback!],
  ];
  return byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1] ?? "unknown";
}

/** County A's value for a query parameter (required ones, and the ones that choose a jurisdiction). */
export function queryValue(name: string, enumValues?: string[]): string | undefined {
  const month = today.slice(0, 7);
  const values: Record<string, string> = {
    divisionCode: COUNTY_A,
    countyCode: COUNTY_A,
    villageCode: VILLAGE_A,
    division: COUNTY_A,
    gridCode: WORKER_GRID,
    grid: WORKER_GRID,
    matterCode: "0801",
    period: month,
    month,
    year: today.slice(0, 4),
    jurisdiction_id: COUNTY_A,
    lng: String(pointIn(WORKER_GRID).lng),
    lat: String(pointIn(WORKER_GRID).lat),
  };
  return values[name] ?? enumValues?.[0];
}

/** A valid body naming county A's resources, for the callers of county B (who must be refused). */
export function countyBBody(key: string, ids: Ids): unknown {
  const reason = "越权操作测试";
  const bodies: Record<string, unknown> = {
    "POST /v1/divisions": { code: "440703002199", name: "测试社区", parentCode: "440703002000" },
    "PATCH /v1/divisions/{code}": { name: "越权改名" },
    "POST /v1/layouts": { countyCode: COUNTY_A },
    "POST /v1/layouts/{id}/return": { reasons: [reason] },
    "POST /v1/layouts/{id}/accept": { effectiveDate: today },
    "POST /v1/matters/change-requests/{id}/approve": { note: reason },
    "POST /v1/matters/change-requests/{id}/refuse": { note: reason },
    "POST /v1/workers": {
      name: "越权网格员",
      idNumber: "11010519491231002X",
      privatePhone: "13800138000",
      workPhone: "0750-1234567",
      politicalStatus: "non_party",
      divisionCode: "440703002101",
      orgUnit: "羊桥社区",
    },
    "PATCH /v1/workers/{id}": { workPhone: "0750-7654321" },
    "POST /v1/workers/{id}/status": { status: "suspended", reason },
    "POST /v1/workers/{id}/screenings": {
      criminalPunishment: false,
      pendingCriminalCase: false,
      detention: false,
      expelledFromPublicOffice: false,
      dishonestyBlacklist: false,
      otherLegalBar: false,
    },
    "POST /v1/workers/{id}/trainings": { kind: "periodic", title: reason, date: today, hours: 2 },
    "POST /v1/assignments": { workerId: ids.values.worker, gridCode: WORKER_GRID, role: "part_time" },
    "POST /v1/assignments/{id}/end": { reason },
    "POST /v1/assignments/{id}/transfer": { gridCode: WORKER_GRID, reason },
    "POST /v1/assignments/{id}/objections": { text: reason },
    "POST /v1/assignments/{id}/objections/{objectionId}/resolve": { outcome: "dismissed", note: reason },
    "POST /v1/departments": {
      id: "dept-440703-sweep",
      key: "sweep",
      kind: "other",
      name: "越权部门",
      divisionCode: COUNTY_A,
      dutyPhone: "0750-1234567",
    },
    "PATCH /v1/departments/{id}": { dutyPhone: "0750-7654321" },
    "POST /v1/users": {
      sub: "e2e-sweep-user",
      name: "越权用户",
      orgUnitKind: "agency",
      orgUnit: "蓬江区",
      roles: ["agency"],
      divisionCode: COUNTY_A,
    },
    "PATCH /v1/users/{sub}": { grids: [WORKER_GRID] },
    "PUT /v1/roster/settings/{countyCode}": { fullTimeRequired: true, noticeWorkingDays: 5, minTrainingsPerYear: 2 },
    "POST /v1/cases/work-orders": {
      gridCode: WORKER_GRID,
      title: "越权交办",
      description: reason,
      categoryCode: "0801",
      action: "check",
    },
    "POST /v1/cases/{id}/resolve-on-site": { outcome: reason },
    "POST /v1/cases/{id}/dispatch": { leadDepartmentId: "dept-440705-police" },
    "POST /v1/cases/{id}/handle": { outcome: reason },
    "POST /v1/cases/{id}/check": { passed: true, opinion: reason },
    "POST /v1/cases/{id}/rate": { rating: "satisfied" },
    "POST /v1/cases/{id}/return": { ground: "not_function", reason },
    "POST /v1/cases/{id}/escalate": { reason },
    "POST /v1/cases/{id}/request-extension": { amount: 1, unit: "working_days", reason },
    "POST /v1/cases/{id}/review-extension": { approved: true, opinion: reason },
    "POST /v1/cases/{id}/merge": { intoCaseId: ids.otherCaseId, reason },
    "POST /v1/cases/{id}/invalidate": { reason },
    "POST /v1/cases/{id}/approve-matter": { opinion: reason },
    "POST /v1/notifications/subscriptions": { gridCode: WORKER_GRID },
    "PATCH /v1/notifications/rules/{id}": { enabled: true },
    "POST /v1/patrols/{id}/points": { points: [{ ...pointIn(WORKER_GRID), at: new Date().toISOString() }] },
    "POST /v1/layouts/{id}/changes": { changes: [] },
    "POST /v1/lookup/batch": { points: [pointIn(WORKER_GRID)] },
    // Hotspots (issue 16): county B may not analyse county A (the proposals' ids are per county-month).
    "POST /v1/hotspots/analyse": { countyCode: COUNTY_A },
    "POST /v1/hotspots/{id}/dismiss": { reason },
    "POST /v1/cases/{id}/rule-return": { upheld: false, opinion: reason },
    "POST /v1/cases/{id}/follow-up": { channel: "phone", reached: false },
  };
  return bodies[key] ?? {};
}
