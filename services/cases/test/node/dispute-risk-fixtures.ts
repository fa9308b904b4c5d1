import { openCase, type CaseState } from "../../src/domain";
import type { DisputeRecord, PartyRecord } from "../../src/domain/dispute/record";

export interface Place {
  gridCode: string;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
}

/** The first grid of the first village of the first township of a county of 江门 (six digits: 440703 蓬江). */
export const placeIn = (county6: string): Place => ({
  gridCode: `${county6}001001001`,
  villageCode: `${county6}001001`,
  townshipCode: `${county6}001000`,
  countyCode: `${county6}000000`,
});

/** The two counties the stand-ins know: 蓬江 (440703) and 新会 (440705). */
export const PLACES = { pengjiang: placeIn("440703"), xinhui: placeIn("440705") };

/** A party kept by the case's object, with its repeat key (a base-data person, or `idh:` for a named party). */
export function party(index: number, key: string | null): PartyRecord {
  const person = key?.startsWith("pe-") ?? false;
  return {
    index,
    kind: person ? "person" : "named",
    role: index === 0 ? "applicant" : "respondent",
    ref: person ? key : null,
    name: "张*",
    idNumber: null,
    phone: null,
    key,
    sealed: null,
  };
}

/** A dispute as recorded, at `recordedAt`, with its parties' keys, and any changes on top. */
export function dispute(
  keys: (string | null)[],
  recordedAt: string,
  changes: Partial<DisputeRecord> = {},
): DisputeRecord {
  return {
    stage: "recorded",
    relation: "neighbours",
    summary: "邻里因排水沟发生争执",
    parties: keys.map((k, i) => party(i, k)),
    claims: [],
    amount: null,
    contacts: [],
    threats: [],
    risk: { level: "general", source: "rule", reasons: [], countyWarnedAt: null, policeWarnedAt: null },
    mediation: null,
    agreement: null,
    brokenAgreements: [],
    followUps: [],
    diversion: null,
    recordedAt,
    ...changes,
  };
}

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
// Random start: suites sharing one D1 never reuse an id.
let seq = Math.floor(Math.random() * 900_000);
/** A fresh case id of the service's shape (CASE-<day>-<10 base32>). */
const nextId = () =>
  `CASE-20261120-RISK${[...String(++seq).padStart(6, "0")].map((d) => BASE32[Number(d) + 20]).join("")}`;

/** A case opened by a grid worker in the place, at `at`, carrying the dispute (as the case's object keeps it). */
export function disputeCase(
  place: Place,
  record: DisputeRecord | undefined,
  at = record?.recordedAt ?? "2026-11-20T02:00:00.000Z",
): CaseState {
  const steps = openCase(
    {
      id: nextId(),
      title: "邻里纠纷",
      description: "两户因排水沟发生争执",
      categoryCode: "D01",
      priority: "normal",
      source: "grid_worker",
      location: null,
      reporterSub: "t-worker",
      followTokenHash: null,
      external: null,
      workOrder: null,
      placement: place,
      admission: { matterCode: "D01", countyCode: place.countyCode, status: "unlisted", name: "矛盾纠纷" },
    },
    new Date(at),
  );
  const state = steps[steps.length - 1]!.state;
  return record ? { ...state, dispute: record } : state;
}
