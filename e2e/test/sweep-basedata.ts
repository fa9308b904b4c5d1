// What the authorization sweep expects of every base-data operation (services/basedata), as data: who may act,
// the body and ids it is called with. Every caller sends the same valid body, so authorization alone decides; the
// bodies act only on records the sweep made for itself (its road, its doors, its two pending submissions).
// An operation of /v1/basedata missing here fails the sweep with the entry to add (see `missingFixtures`).
import { call } from "./client";
import { pointIn, WORKER_GRID } from "./places";
import type { Ids } from "./sweep-fixtures";

/** The demo village of the demo grid worker's grid (羊桥社区, 白沙街道, 蓬江区). */
export const VILLAGE_A = WORKER_GRID.slice(0, 12);
const VILLAGE_AGENCY = "demo-village-agency";
const GRID_WORKER = "demo-grid-worker";

/** Roles of the sweep's callers (sweep-fixtures.ts CALLERS) by what they are, for the expectations below. */
const ADMIN = "platform admin";
const AGENCIES_A = ["city agency", "county agency A", "township agency A", "village agency A"] as const;
const WORKER_A = "grid worker A";

export interface Fixture {
  /** The callers (by role) that authorization lets through: they never get 401 or 403. Every other caller does. */
  allowed: readonly string[];
  /** The request body, made per call (unique names); every caller gets it. `ids.basedata`: the sweep's records. */
  body?: (ids: Ids) => unknown;
  /** Values of path parameters (without one, sweep-fixtures.ts pathValue: `countyCode` is county A's). */
  params?: (ids: Ids) => Record<string, string>;
  /** Query parameters. */
  query?: Record<string, string>;
  /** The resource moves on when an allowed caller acts (a decision): a caller not allowed may then also get 409. */
  stateful?: true;
  /** Why no allowed caller can succeed with this fixture; without it, one must (a 2xx proves the fixture works). */
  noSuccess?: string;
}

export interface BaseDataIds {
  road: string;
  door: string;
  /** Pending submissions of the grid worker: one to decide on, one to withdraw. */
  toDecide: string;
  toWithdraw: string;
}

let doors = 0;
const reason = "授权遍历测试";
/** A door under the sweep's road, in the grid worker's grid, with a name no other call uses. */
const newDoor = ({ road }: Pick<BaseDataIds, "road">) => ({
  villageCode: VILLAGE_A,
  change: {
    kind: "address.create",
    level: "door",
    parentId: road,
    name: `遍历${Date.now() % 100_000}-${++doors}号`,
    ...pointIn(WORKER_GRID),
  },
});
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

async function submitted(as: string, body: unknown): Promise<string> {
  const res = await call("/v1/basedata/submissions", {
    as,
    body,
    headers: { "idempotency-key": `e2e-sweep-${crypto.randomUUID()}` },
  });
  if (res.status !== 201) throw new Error(`the sweep's base data was refused ${res.status}: ${res.text}`);
  return String(res.json.recordId ?? res.json.id);
}

/** The sweep's own base data in county A: a road and a door the village agency entered, two pending doors. */
export async function baseDataIds(): Promise<BaseDataIds> {
  const entered = (change: Record<string, unknown>) =>
    submitted(VILLAGE_AGENCY, { villageCode: VILLAGE_A, change, verifyNow: true });
  const road = await entered({ kind: "address.create", level: "road", name: `遍历路${Date.now() % 100_000}` });
  return {
    road,
    door: await entered(newDoor({ road }).change),
    toDecide: await submitted(GRID_WORKER, newDoor({ road })),
    toWithdraw: await submitted(GRID_WORKER, newDoor({ road })),
  };
}
