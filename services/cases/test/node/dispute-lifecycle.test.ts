import { POLICY } from "@civicgrid/auth";
import { DisputeCommandBodies } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing/principals";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/domain";
import { decideDispute, DISPUTE_COMMANDS, DISPUTE_LIFECYCLE, type DisputeCommand } from "../../src/domain/dispute";
import { accepted, context, NOW, RECORD, recorded, run } from "./dispute-fixtures";

const SESSION = { at: "2026-03-17T02:00:00Z", place: "调解室", attendees: ["陈调解"], summary: "达成一致" };
const AGREEMENT = {
  terms: ["拆除越界围墙"],
  signatories: [
    { name: "欧阳建国", capacity: "party" as const, party: 0 },
    { name: "陈调解", capacity: "mediator" as const },
  ],
  signedOn: "2026-03-17",
  performBy: "2026-03-31",
};
const MEDIATOR = {
  id: "med-pj-village-01",
  name: "陈调解",
  kind: "village_committee" as const,
  bodyId: "mb-1",
  bodyName: "白沙村人民调解委员会",
  divisionCode: "440703001001",
  workerId: null,
  qualification: "人民调解员证 1",
  active: true,
};
const assign: DisputeCommand = { name: "assign-mediator", body: { mediatorId: MEDIATOR.id } };
const mediating = () => run(recorded(), assign, principals.gridWorker, context({ mediator: MEDIATOR })).state;

describe("the dispute lifecycle table", () => {
  it("has one entry per dispute command route, naming the roles the policy grants its action", () => {
    expect([...DISPUTE_COMMANDS].sort()).toEqual(Object.keys(DisputeCommandBodies).sort());
    for (const name of DISPUTE_COMMANDS) {
      const rule = DISPUTE_LIFECYCLE[name];
      expect({ name, roles: [...rule.roles].sort() }).toEqual({ name, roles: [...POLICY[rule.by]].sort() });
    }
  });

  it("emits from each command only the events its entry names", () => {
    const ctx = context({ mediator: MEDIATOR });
    let s = accepted();
    const walk: DisputeCommand[] = [
      RECORD,
      { name: "add-contact", body: { at: SESSION.at, channel: "visit", parties: [0], summary: "走访" } },
      { name: "record-threat", body: { at: SESSION.at, by: 1, description: "持刀", violence: true } },
      { name: "grade", body: { level: "major", reason: "暴力" } },
      assign,
      { name: "record-session", body: { ...SESSION, outcome: "adjourned" } },
      { name: "record-agreement", body: AGREEMENT },
      { name: "follow-up", body: { at: SESSION.at, kept: false, notes: "未履行" } },
    ];
    for (const command of walk) {
      // The violence makes the county the holder (the stability fast path): its agency acts from then on.
      const { state, types } = run(s, command, principals.countyAgency, ctx);
      for (const type of types) expect(DISPUTE_LIFECYCLE[command.name].emits).toContain(type);
      s = state;
    }
    const diverted = run(
      s,
      { name: "divert", body: { channel: "litigation", reason: "起诉", receivingBody: "法院" } },
      principals.countyAgency,
      ctx,
    );
    expect(diverted.types).toEqual(["dispute.diverted"]);
  });
});

describe("decideDispute: the order of refusals", () => {
  it("403 outside the read scope, before the stage's 409", () => {
    const d = decideDispute(accepted(), assign, principals.otherCountyAgency, context(), NOW);
    expect(d).toMatchObject({ ok: false, code: "forbidden", detail: "this case lies outside your jurisdiction" });
  });

  it("409 naming the dispute commands allowed now, then 403 for the role in the write scope", () => {
    const before = decideDispute(accepted(), assign, principals.gridWorker, context(), NOW);
    expect(before).toMatchObject({ ok: false, code: "invalid_transition", allowed: ["record"] });
    const divert: DisputeCommand = {
      name: "divert",
      body: { channel: "petition", reason: "信访", receivingBody: "信访局" },
    };
    const worker = decideDispute(recorded(), divert, principals.gridWorker, context(), NOW);
    expect(worker).toMatchObject({
      ok: false,
      code: "forbidden",
      detail: "your role or unit may not divert this dispute",
    });
  });

  it("422 for a body that cannot apply: no resolved parties, a stray party index, a mediator not of the place", () => {
    const noParties = decideDispute(accepted(), RECORD, principals.gridWorker, context({ parties: undefined }), NOW);
    expect(noParties).toMatchObject({ ok: false, code: "unprocessable" });
    const contact: DisputeCommand = {
      name: "add-contact",
      body: { at: SESSION.at, channel: "visit", parties: [3], summary: "x" },
    };
    expect(decideDispute(recorded(), contact, principals.gridWorker, context(), NOW)).toMatchObject({
      code: "unprocessable",
      detail: "body.parties[0] names party 3, but the dispute has 2 parties",
    });
    const elsewhere = context({ mediator: { ...MEDIATOR, divisionCode: "440703002001" } });
    expect(decideDispute(recorded(), assign, principals.gridWorker, elsewhere, NOW)).toMatchObject({
      code: "unprocessable",
    });
    const inactive = context({ mediator: { ...MEDIATOR, active: false } });
    expect(decideDispute(recorded(), assign, principals.gridWorker, inactive, NOW)).toMatchObject({
      code: "unprocessable",
    });
  });
});

describe("what a dispute does to its case", () => {
  it("a settled session of an accepted case handles it in the same command", () => {
    const { state, types } = run(mediating(), { name: "record-session", body: { ...SESSION, outcome: "settled" } });
    expect(types).toEqual(["dispute.session_recorded", "case.handled"]);
    expect(state.status).toBe("handled");
    expect(state.outcome).toBe("调解成功: 达成一致");
  });

  it("a broken agreement reopens a closed case; a kept one leaves it closed", () => {
    let s = run(mediating(), { name: "record-agreement", body: AGREEMENT }).state;
    expect(s.dispute?.agreement?.signatories[0]?.name).toBe("欧阳*国");
    const checked = decide(
      s,
      { name: "check", body: { passed: true, opinion: "合格" } },
      principals.townshipAgency,
      NOW,
    );
    if (!checked.ok) throw new Error(checked.detail);
    s = checked.steps.at(-1)!.state;
    const broken = run(s, { name: "follow-up", body: { at: SESSION.at, kept: false, notes: "未履行" } });
    expect(broken.types).toEqual(["dispute.followed_up", "dispute.reopened"]);
    expect(broken.state).toMatchObject({ status: "accepted", closedAt: null });
    expect(broken.state.dispute?.brokenAgreements).toHaveLength(1);
    const kept = run(s, { name: "follow-up", body: { at: SESSION.at, kept: true, notes: "已履行" } });
    expect(kept.types).toEqual(["dispute.followed_up"]);
    expect(kept.state.status).toBe("closed");
  });

  it("the case loop closes a dispute only in a settled stage, naming the stage", () => {
    const check = decide(
      recorded(),
      { name: "check", body: { passed: true, opinion: "x" } },
      principals.townshipAgency,
      NOW,
    );
    expect(check).toMatchObject({ ok: false, code: "invalid_transition" }); // accepted: no check yet
    const dispatched = decide(
      recorded(),
      { name: "dispatch", body: { leadDepartmentId: "dept-440703-police", assistingDepartmentIds: [] } },
      principals.townshipAgency,
      NOW,
    );
    if (!dispatched.ok) throw new Error(dispatched.detail);
    const signed = decide(dispatched.steps.at(-1)!.state, { name: "sign", body: {} }, principals.department, NOW);
    if (!signed.ok) throw new Error(signed.detail);
    const handle = decide(
      signed.steps.at(-1)!.state,
      { name: "handle", body: { outcome: "x", evidence: [] } },
      principals.department,
      NOW,
    );
    expect(handle).toMatchObject({
      ok: false,
      code: "invalid_transition",
      detail: "a dispute in stage recorded closes only once it is settled, agreed, kept, concluded",
    });
  });
});
