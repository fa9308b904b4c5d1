// What the authorization sweep expects of every base-data operation (services/basedata), as data: who may act,
// the body and ids it is called with. Every caller sends the same valid body, so authorization alone decides; the
// bodies act only on records the sweep made for itself (sweep-basedata-ids.ts: its road, doors, submissions, house,
// person, unit, visit and ledger), all in the demo grid worker's grid.
// An operation of /v1/basedata missing here fails the sweep with the entry to add (see `missingFixtures`).
import { visitBody } from "./basedata-client";
import { pointIn, WORKER_GRID } from "./places";
import { newDoor, sweepCampaign, sweepLedger, VILLAGE_A } from "./sweep-basedata-ids";
import type { Ids } from "./sweep-fixtures";

/** Roles of the sweep's callers (sweep-fixtures.ts CALLERS) by what they are, for the expectations below. */
const ADMIN = "platform admin";
const AGENCIES_A = ["city agency", "county agency A", "township agency A", "village agency A"] as const;
const WORKER_A = "grid worker A";
/** 江门市公安局蓬江分局: a 公安 department, owning the drug_user and key_youth tags (tag-kinds.ts). */
const DEPARTMENT_A = "department A";
/** The agencies over the sweep's village, and the platform administrator (whom the policy lets do anything). */
const A = [ADMIN, ...AGENCIES_A];
/** …and the grid worker of the grid the sweep's records lie in. */
const AW = [...A, WORKER_A];
const V = { villageCode: VILLAGE_A };
const D = { divisionCode: VILLAGE_A };

export interface Fixture {
  /** The callers (by role) that authorization lets through: they never get 401 or 403. Every other caller does. */
  allowed: readonly string[];
  /** The request body, made per call (unique names); every caller gets it. `ids.basedata`: the sweep's records. */
  body?: (ids: Ids) => unknown;
  /** Values of path parameters (without one, sweep-fixtures.ts pathValue: `countyCode` is county A's). */
  params?: (ids: Ids) => Record<string, string>;
  /** Query parameters, exactly (only required ones not named here are filled by sweep-fixtures.ts queryValue). */
  query?: Record<string, string>;
  /** The body's content type when it is not JSON: `body` then gives the text sent as it is (a CSV ledger). */
  contentType?: string;
  /** The resource moves on when an allowed caller acts (a decision): a caller not allowed may then also get 409. */
  stateful?: true;
  /** Why no allowed caller can succeed with this fixture; without it, one must (a 2xx proves the fixture works). */
  noSuccess?: string;
}

const reason = "授权遍历测试";
const settings = () => ({ visitRules: {}, retentionDays: 1095 });

export const BASEDATA_FIXTURES: Record<string, Fixture> = {
  // Collection is a grid worker's or an agency's (the platform administrator holds neither role to submit in).
  "POST /v1/basedata/submissions": { allowed: [...AGENCIES_A, WORKER_A], body: (ids) => newDoor(ids.basedata) },
  "GET /v1/basedata/submissions": { allowed: [ADMIN, ...AGENCIES_A, WORKER_A], query: { villageCode: VILLAGE_A } },
  "GET /v1/basedata/submissions/{id}": {
    allowed: [ADMIN, ...AGENCIES_A, WORKER_A],
    params: (ids) => ({ id: ids.basedata.toDecide }),
  },
  // Verification is an agency's (the platform administrator holds no agency role to verify in).
  "POST /v1/basedata/submissions/{id}/decision": {
    allowed: AGENCIES_A,
    body: () => ({ decision: "reject", note: reason }),
    params: (ids) => ({ id: ids.basedata.toDecide }),
    stateful: true,
  },
  // Only the submitter withdraws.
  "POST /v1/basedata/submissions/{id}/withdraw": {
    allowed: [WORKER_A],
    params: (ids) => ({ id: ids.basedata.toWithdraw }),
    stateful: true,
  },
  "GET /v1/basedata/records/{id}/history": {
    allowed: [ADMIN, ...AGENCIES_A, WORKER_A],
    params: (ids) => ({ id: ids.basedata.door }),
  },
  // A county's settings: read by its agencies above and at the county and its departments; set by its county (or
  // the city) agency, If-Match required.
  "GET /v1/basedata/settings/{countyCode}": {
    allowed: [ADMIN, "city agency", "county agency A", "department A"],
  },
  "PUT /v1/basedata/settings/{countyCode}": {
    allowed: [ADMIN, "city agency", "county agency A"],
    body: settings,
    noSuccess: "sent without If-Match (428), so the sweep never changes county A's settings",
  },
  // 底数 are aggregates: agencies and the grid worker read them whole, a department the tagged kinds it owns.
  "GET /v1/basedata/counts": { allowed: [...AW, DEPARTMENT_A], query: D },
  // Exports and ledgers are an agency's (basedata:export, basedata:import).
  "POST /v1/basedata/exports": {
    allowed: A,
    body: () => ({ kind: "addresses", divisionCode: VILLAGE_A, purpose: reason }),
  },
  "GET /v1/basedata/exports": { allowed: A, query: D },
  "POST /v1/basedata/imports": {
    allowed: A,
    query: { kind: "addresses", ...V },
    contentType: "text/csv",
    body: () => sweepLedger(),
  },
  "GET /v1/basedata/imports": { allowed: A, query: D },
  "GET /v1/basedata/imports/{id}": { allowed: A, params: (ids) => ({ id: ids.basedata.import }) },
  "POST /v1/basedata/imports/{id}/resume": {
    allowed: A,
    params: (ids) => ({ id: ids.basedata.import }),
    noSuccess: "only a failed import resumes (409): the sweep's ledger is validating or applied",
  },
  // People: agencies and the worker of their grid; a department only people with an open tag of a kind it owns,
  // which the sweep's person has not (403), while its search answers the people it may see (none of the sweep's).
  "GET /v1/basedata/people": { allowed: [...AW, DEPARTMENT_A], query: V },
  "GET /v1/basedata/people/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.person }) },
  "GET /v1/basedata/households/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.household }) },
  "POST /v1/basedata/people/{id}/unmasked": {
    allowed: AW,
    params: (ids) => ({ id: ids.basedata.person }),
    body: () => ({ purpose: reason, fields: ["idNumber"] }),
  },
  // Subject requests and the access log are an agency's; the sweep asks for access only, never erasure.
  "POST /v1/basedata/people/{id}/subject-requests": {
    allowed: A,
    params: (ids) => ({ id: ids.basedata.person }),
    body: () => ({ kind: "access", reference: "遍历-0001", reason }),
  },
  "GET /v1/basedata/subject-requests": { allowed: A, query: D },
  "GET /v1/basedata/access-log": { allowed: A, query: D },
  // Places: agencies and the worker of the grid they lie in; a department reads no places.
  "GET /v1/basedata/addresses": { allowed: AW, query: V },
  "GET /v1/basedata/addresses/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.door }) },
  "GET /v1/basedata/houses": { allowed: AW, query: V },
  "GET /v1/basedata/houses/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.house }) },
  // Linking a case is a submission right (basedata:submit) over the house and case:read of the sweep's case.
  "POST /v1/basedata/houses/{id}/cases": {
    allowed: AW,
    params: (ids) => ({ id: ids.basedata.house }),
    body: (ids) => ({ caseId: ids.caseId }),
  },
  "GET /v1/basedata/units": { allowed: AW, query: V },
  "GET /v1/basedata/units/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.unit }) },
  // Visits are read by agencies and grid workers (visit:read), recorded by the worker of the grid (visit:write).
  "GET /v1/basedata/visit-plan": { allowed: AW, query: V },
  "GET /v1/basedata/visits": { allowed: AW, query: V },
  "GET /v1/basedata/visits/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.visit }) },
  "POST /v1/basedata/visits": {
    allowed: [WORKER_A],
    body: (ids) => visitBody("house", ids.basedata.house, pointIn(WORKER_GRID)),
  },
  // 排查 campaigns: agencies open and close them over their grids (campaign:write), agencies and the grid's workers
  // read them (campaign:read); a department reads none.
  "POST /v1/basedata/campaigns": { allowed: A, body: sweepCampaign },
  "GET /v1/basedata/campaigns": { allowed: AW, query: { gridCode: WORKER_GRID } },
  "GET /v1/basedata/campaigns/{id}": { allowed: AW, params: (ids) => ({ id: ids.basedata.campaign }) },
  "POST /v1/basedata/campaigns/{id}/close": {
    allowed: A,
    params: (ids) => ({ id: ids.basedata.campaignToClose }),
    stateful: true,
  },
};

/** Base-data operations of the document with no fixture, each with the entry to add to BASEDATA_FIXTURES. */
export function missingFixtures(keys: readonly string[]): string[] {
  return keys
    .filter((k) => / \/v1\/basedata\//.test(k) && !BASEDATA_FIXTURES[k])
    .map(
      (k) =>
        `${JSON.stringify(k)}: { allowed: [/* roles that may */], body: (ids) => ({ /* valid, acts only on the ` +
        `sweep's own records */ }), params: (ids) => ({ /* path ids */ }), query: { /* required */ } }`,
    );
}
