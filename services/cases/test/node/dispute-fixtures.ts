import { defaultRiskRules, type Principal } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing/principals";
import { decide, openCase, type CaseState } from "../../src/domain";
import { decideDispute, type DisputeCommand, type DisputeContext, type PartyRecord } from "../../src/domain/dispute";

export const NOW = new Date("2026-03-16T02:00:00Z");
const GRID = "440703001001001";

/** A neighbours' dispute reported in 白沙 grid 1 by its worker, verified and accepted by the township. */
export function accepted(): CaseState {
  const placement = {
    gridCode: GRID,
    villageCode: "440703001001",
    townshipCode: "440703001000",
    countyCode: "440703000000",
  };
  const reported = openCase(
    {
      id: "CASE-20260316-DISPUTE001",
      title: "邻里纠纷",
      description: "两户因界墙争执",
      categoryCode: "A01",
      priority: "normal",
      source: "grid_worker",
      location: null,
      reporterSub: principals.gridWorker.sub,
      followTokenHash: null,
      external: null,
      workOrder: null,
      placement,
      admission: { matterCode: "A01", countyCode: "440703000000", status: "admitted", name: "矛盾纠纷" },
    },
    NOW,
  ).at(-1)!.state;
  let s = reported;
  for (const [who, name] of [
    [principals.gridWorker, "verify"],
    [principals.townshipAgency, "accept"],
  ] as const) {
    const d = decide(s, { name, body: {} }, who, NOW);
    if (!d.ok) throw new Error(`${name}: ${d.detail}`);
    s = d.steps.at(-1)!.state;
  }
  return s;
}

export const PARTY_RECORDS: PartyRecord[] = [
  {
    index: 0,
    kind: "named",
    role: "applicant",
    ref: null,
    name: "欧阳*国",
    idNumber: null,
    phone: null,
    key: null,
    sealed: "x",
  },
  {
    index: 1,
    kind: "person",
    role: "respondent",
    ref: "pe-440703001001-000001",
    name: "张*",
    idNumber: null,
    phone: null,
    key: "pe-440703001001-000001",
    sealed: null,
  },
];

export function context(patch: Partial<DisputeContext> = {}): DisputeContext {
  return {
    rules: defaultRiskRules("440703000000"),
    facts: { repeats: {}, partyTagKinds: [] },
    parties: PARTY_RECORDS,
    ...patch,
  };
}

export const RECORD: DisputeCommand = {
  name: "record",
  body: { relation: "neighbours", summary: "界墙争执", claims: [] },
};

/** Runs the command; the state after it, or throws the refusal. */
export function run(
  s: CaseState,
  command: DisputeCommand,
  who: Principal = principals.gridWorker,
  ctx: DisputeContext = context(),
) {
  const d = decideDispute(s, command, who, ctx, NOW);
  if (!d.ok) throw new Error(`${command.name}: ${d.code} ${d.detail}`);
  return { state: d.steps.at(-1)!.state, types: d.steps.map((x) => x.type), steps: d.steps };
}

export const recorded = () => run(accepted(), RECORD).state;
