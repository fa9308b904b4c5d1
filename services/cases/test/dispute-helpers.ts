import { principals } from "@civicgrid/testing";
import type { CaseView, Principal } from "@civicgrid/contracts";
import { call, report, step } from "./helpers";

/** A named party's raw identity: must never appear in any answer but the audited identity read. */
export const RAW = { name: "欧阳建国", idNumber: "440703199003071235", phone: "13812345678" };

export const PARTIES = [
  { kind: "named", role: "applicant", ...RAW, address: "白沙村三巷5号" },
  { kind: "person", role: "respondent", personId: "pe-440703001001-000001" },
];

export const RECORD = {
  relation: "neighbours",
  summary: "两户因宅基地界墙发生争执",
  parties: PARTIES,
  claims: [{ by: 0, text: "拆除越界围墙", amount: 3000 }],
};

export const path = (c: Pick<CaseView, "id">, command: string) => `/v1/cases/${c.id}/dispute/${command}`;

/** A dispute command with If-Match from the case as read. */
export function dispute(
  principal: Principal,
  c: Pick<CaseView, "id" | "version">,
  command: string,
  body: unknown,
  headers: Record<string, string> = {},
) {
  return call(principal, "POST", path(c, command), body, { "if-match": `"v${c.version}"`, ...headers });
}

/** A dispute command that must succeed; the case after it. */
export async function disputed(
  principal: Principal,
  c: Pick<CaseView, "id" | "version">,
  command: string,
  body: unknown,
): Promise<CaseView> {
  const res = await dispute(principal, c, command, body);
  if (res.status !== 200) throw new Error(`dispute ${command} failed ${res.status}: ${await res.text()}`);
  return res.json<CaseView>();
}

/** A reported case verified by its grid worker, then (unless `verifiedOnly`) accepted by the township agency. */
export async function openCase(verifiedOnly = false): Promise<CaseView> {
  const verified = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
  return verifiedOnly ? verified : step(principals.townshipAgency, verified, "accept");
}

/** An accepted case recorded as a dispute by its grid worker. */
export async function recordedDispute(record: unknown = RECORD): Promise<CaseView> {
  return disputed(principals.gridWorker, await openCase(), "record", record);
}

/** The event types of the case's log, in order. */
export async function eventTypes(c: Pick<CaseView, "id">): Promise<string[]> {
  const res = await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive`);
  const archive = await res.json<{ events: { type: string }[] }>();
  return archive.events.map((e) => e.type);
}

export const count = (types: string[], type: string) => types.filter((t) => t === type).length;

export const SESSION = {
  at: "2026-03-20T02:00:00Z",
  place: "白沙村调解室",
  attendees: ["陈调解", "欧阳*", "张*"],
  summary: "双方同意按原界线重砌围墙",
};

export const AGREEMENT = {
  terms: ["被申请人于三月底前拆除越界部分", "申请人承担一半费用"],
  signatories: [
    { name: "欧阳建国", capacity: "party", party: 0 },
    { name: "张三", capacity: "party", party: 1 },
    { name: "陈调解", capacity: "mediator" },
  ],
  signedOn: "2026-03-20",
  performBy: "2026-03-31",
};
