import { principals } from "@civicgrid/testing/principals";
import type { CaseStatus, MatterAdmission, Principal } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import {
  allowedNow,
  decide,
  openCase,
  startClock,
  tick,
  type CaseCommand,
  type CaseState,
  type NewCase,
} from "../../src/domain";

// Pure state-machine tests: only domain code, no bindings, no Durable Object.
const NOW = new Date("2026-03-16T02:00:00Z"); // Monday 10:00 in Shanghai
const admitted: MatterAdmission = {
  matterCode: "A01",
  countyCode: "440703000000",
  status: "admitted",
  name: "道路破损",
};
const place = {
  gridCode: "440703001001001",
  villageCode: "440703001001",
  townshipCode: "440703001000",
  countyCode: "440703000000",
};

function newCase(overrides: Partial<NewCase> = {}): CaseState {
  const steps = openCase(
    {
      id: "CASE-20260316-ABCDEFGHJK",
      title: "路灯不亮",
      description: "三号路口路灯不亮",
      categoryCode: "A01",
      priority: "normal",
      source: "grid_worker",
      placement: place,
      location: { lng: 113.08, lat: 22.58, address: null },
      admission: admitted,
      reporterSub: principals.resident.sub,
      followTokenHash: null,
      external: null,
      workOrder: null,
      ...overrides,
    },
    NOW,
  );
  return steps[steps.length - 1]!.state;
}

function run(state: CaseState, principal: Principal, command: CaseCommand, at = NOW): CaseState {
  const decision = decide(state, command, principal, at);
  if (!decision.ok) throw new Error(`${command.name} refused: ${decision.detail}`);
  return decision.steps[decision.steps.length - 1]!.state;
}

const dispatch: CaseCommand = {
  name: "dispatch",
  body: {
    leadDepartmentId: "dept-440703-police",
    assistingDepartmentIds: ["dept-440703-housing", "dept-440703-police"],
  },
};

function toHandled(): CaseState {
  let s = newCase();
  s = run(s, principals.gridWorker, { name: "verify", body: {} });
  s = run(s, principals.townshipAgency, { name: "accept", body: {} });
  s = run(s, principals.townshipAgency, dispatch);
  s = run(s, principals.department, { name: "sign", body: {} });
  return run(s, principals.department, { name: "handle", body: { outcome: "已修复", evidence: [] } });
}

describe("case state machine: the loop", () => {
  it("runs reported → verified → accepted → dispatched → signed → handled → closed → rated → archived with clocks per step", () => {
    let s = newCase();
    expect(s).toMatchObject({ status: "reported", version: 1, step: null, holderDivisionCode: "440703001001" });
    s = run(s, principals.gridWorker, { name: "verify", body: {} });
    expect(s).toMatchObject({ status: "verified", step: "accept", version: 2 });
    // 1 working day from Monday 10:00: close of Tuesday.
    expect(s.dueAt).toBe("2026-03-17T09:30:00.000Z");
    s = run(s, principals.townshipAgency, { name: "accept", body: {} });
    expect(s.step).toBe("dispatch");
    s = run(s, principals.townshipAgency, dispatch);
    expect(s).toMatchObject({
      status: "dispatched",
      step: "sign",
      leadDepartmentId: "dept-440703-police",
      assistingDepartmentIds: ["dept-440703-housing"],
    });
    s = run(s, principals.department, { name: "sign", body: {} });
    expect(s.step).toBe("handle");
    s = run(s, principals.department, {
      name: "handle",
      body: { outcome: "已修复", evidence: [{ kind: "photo", url: "https://files.example.cn/1.jpg" }] },
    });
    expect(s).toMatchObject({ status: "handled", step: "check", outcome: "已修复" });
    s = run(s, principals.townshipAgency, { name: "check", body: { passed: true, opinion: "合格" } });
    expect(s).toMatchObject({ status: "closed", step: null, dueAt: null });
    expect(s.closedAt).not.toBeNull();
    s = run(s, principals.resident, { name: "rate", body: { rating: "satisfied", reopen: false } });
    expect(s).toMatchObject({ status: "rated", rating: "satisfied" });
    s = run(s, principals.countyAgency, { name: "archive", body: {} });
    expect(s).toMatchObject({ status: "archived", version: 9 });
    expect(allowedNow(s)).toEqual([]);
  });

  it("resolves on site: verified → closed with the outcome and evidence", () => {
    let s = run(newCase(), principals.gridWorker, { name: "verify", body: {} });
    const d = decide(
      s,
      { name: "resolve-on-site", body: { outcome: "现场劝离", evidence: [] } },
      principals.gridWorker,
      NOW,
    );
    expect(d.ok && d.steps[0]!.type).toBe("case.resolved_on_site");
    s = run(s, principals.gridWorker, { name: "resolve-on-site", body: { outcome: "现场劝离", evidence: [] } });
    expect(s).toMatchObject({ status: "closed", outcome: "现场劝离" });
  });

  it("sends a failed check back to the department for rework and counts it", () => {
    const s = run(toHandled(), principals.townshipAgency, {
      name: "check",
      body: { passed: false, opinion: "未修好" },
    });
    expect(s).toMatchObject({ status: "signed", step: "handle", reworks: 1 });
  });

  it("an unsatisfied rating reopens the case for rework at its lead department; reopen with another rating is refused", () => {
    const closed = run(toHandled(), principals.townshipAgency, {
      name: "check",
      body: { passed: true, opinion: "ok" },
    });
    const reopened = decide(
      closed,
      { name: "rate", body: { rating: "unsatisfied", reopen: true } },
      principals.resident,
      NOW,
    );
    expect(reopened.ok && reopened.steps[0]!.type).toBe("case.reopened");
    expect(reopened.ok && reopened.steps[0]!.state).toMatchObject({
      status: "signed",
      step: "handle",
      leadDepartmentId: closed.leadDepartmentId,
      reworks: closed.reworks + 1,
      unsatisfied: 1,
    });
    const bad = decide(closed, { name: "rate", body: { rating: "satisfied", reopen: true } }, principals.resident, NOW);
    expect(bad).toMatchObject({ ok: false, code: "unprocessable" });
  });
});

describe("case state machine: side paths", () => {
  it("a department returns a case that is not its duty; the agency dispatches again; returns are counted", () => {
    let s = run(
      run(run(newCase(), principals.gridWorker, { name: "verify", body: {} }), principals.townshipAgency, {
        name: "accept",
        body: {},
      }),
      principals.townshipAgency,
      dispatch,
    );
    s = run(s, principals.department, {
      name: "return",
      body: { ground: "not_function", reason: "不属于公安职责", evidence: [] },
    });
    expect(s).toMatchObject({ status: "accepted", returns: 1, leadDepartmentId: null, step: "dispatch" });
    s = run(s, principals.townshipAgency, { name: "rule-return", body: { upheld: true, opinion: "确非公安职责" } });
    s = run(s, principals.townshipAgency, {
      ...dispatch,
      body: { leadDepartmentId: "dept-440703-housing", assistingDepartmentIds: [] },
    });
    expect(s.leadDepartmentId).toBe("dept-440703-housing");
  });

  it("escalates one level at a time up to the city, then refuses", () => {
    let s = newCase();
    s = run(s, principals.gridWorker, { name: "escalate", body: { reason: "村级无法处理" } });
    expect(s.holderDivisionCode).toBe("440703001000");
    s = run(s, principals.townshipAgency, { name: "escalate", body: { reason: "吹哨" } });
    expect(s.holderDivisionCode).toBe("440703000000");
    // The township no longer holds it.
    expect(decide(s, { name: "accept", body: {} }, principals.townshipAgency, NOW)).toMatchObject({
      ok: false,
      code: "invalid_transition",
    });
    s = run(s, principals.countyAgency, { name: "escalate", body: { reason: "上报市级" } });
    expect(s).toMatchObject({ holderDivisionCode: "440700000000", escalations: 3 });
    const top = decide(s, { name: "escalate", body: { reason: "again" } }, principals.cityAgency, NOW);
    expect(top).toMatchObject({ ok: false, code: "invalid_transition" });
    expect(top.ok === false && top.allowed).not.toContain("escalate");
  });

  it("an approved extension moves the deadline; a refused one does not; only one may be pending", () => {
    let s = run(
      run(
        run(run(newCase(), principals.gridWorker, { name: "verify", body: {} }), principals.townshipAgency, {
          name: "accept",
          body: {},
        }),
        principals.townshipAgency,
        dispatch,
      ),
      principals.department,
      { name: "sign", body: {} },
    );
    const due = s.dueAt;
    s = run(s, principals.department, {
      name: "request-extension",
      body: { amount: 3, unit: "working_days", reason: "需采购材料" },
    });
    expect(
      decide(
        s,
        { name: "request-extension", body: { amount: 1, unit: "working_days", reason: "x" } },
        principals.department,
        NOW,
      ),
    ).toMatchObject({ ok: false, code: "invalid_transition" });
    const refused = run(s, principals.townshipAgency, {
      name: "review-extension",
      body: { approved: false, opinion: "不予延期" },
    });
    expect(refused.dueAt).toBe(due);
    const approved = run(s, principals.townshipAgency, {
      name: "review-extension",
      body: { approved: true, opinion: "同意" },
    });
    expect(new Date(approved.dueAt!).getTime()).toBeGreaterThan(new Date(due!).getTime());
    expect(approved.extension?.status).toBe("approved");
  });

  it("merges duplicates and closes invalid reports with a reason; refuses merging into itself", () => {
    const s = newCase();
    expect(
      run(s, principals.townshipAgency, { name: "merge", body: { intoCaseId: "CASE-20260316-ZZZZZZZZZZ" } }),
    ).toMatchObject({ status: "merged", mergedInto: "CASE-20260316-ZZZZZZZZZZ" });
    expect(decide(s, { name: "merge", body: { intoCaseId: s.id } }, principals.townshipAgency, NOW)).toMatchObject({
      ok: false,
      code: "unprocessable",
    });
    expect(run(s, principals.townshipAgency, { name: "invalidate", body: { reason: "重复上报" } })).toMatchObject({
      status: "invalid",
      closeReason: "重复上报",
    });
  });

  it("an off-list matter cannot be accepted until the county agency approves it", () => {
    let s = run(newCase({ admission: { ...admitted, status: "unlisted" } }), principals.gridWorker, {
      name: "verify",
      body: {},
    });
    const refused = decide(s, { name: "accept", body: {} }, principals.townshipAgency, NOW);
    expect(refused).toMatchObject({ ok: false, code: "invalid_transition" });
    expect(refused.ok === false && refused.allowed).toContain("approve-matter");
    // Jiangmen 第九条: the township approved alone before issue 12; now only the county (or above) does.
    expect(
      decide(s, { name: "approve-matter", body: { opinion: "同意纳入" } }, principals.townshipAgency, NOW),
    ).toMatchObject({ ok: false, code: "forbidden" });
    s = run(s, principals.countyAgency, { name: "approve-matter", body: { opinion: "同意纳入" } });
    expect(run(s, principals.townshipAgency, { name: "accept", body: {} }).status).toBe("accepted");
  });

  it.each([
    ["dispatch", "accepted", principals.countyAgency, dispatch],
    ["sign", "dispatched", principals.department, { name: "sign", body: {} }],
    ["handle", "signed", principals.department, { name: "handle", body: { outcome: "x", evidence: [] } }],
    [
      "request-extension",
      "signed",
      principals.department,
      { name: "request-extension", body: { amount: 1, unit: "working_days", reason: "x" } },
    ],
  ] as [string, CaseStatus, Principal, CaseCommand][])(
    "refuses to %s an off-list matter nobody approved (Gansu 二(二)1)",
    (_label, status, who, command) => {
      const s: CaseState = {
        ...newCase({ admission: { ...admitted, status: "unlisted" } }),
        status,
        leadDepartmentId: "dept-440703-police",
      };
      expect(decide(s, command, who, NOW)).toMatchObject({
        ok: false,
        code: "invalid_transition",
        detail: expect.stringContaining("二(二)1"),
      });
      expect(decide({ ...s, matterApproved: true }, command, who, NOW).ok).toBe(true);
    },
  );

  it("an emergency goes up to the county at once, accepted there with a minute clock and the police-call mark", () => {
    const steps = openCase(
      {
        id: "CASE-20260316-EMERGENCY2",
        title: "燃气泄漏",
        description: "闻到燃气味",
        categoryCode: "E01",
        priority: "normal",
        source: "grid_worker",
        placement: place,
        location: null,
        admission: {
          ...admitted,
          emergency: true,
          policeCall: true,
          limits: { dispatch: { amount: 5, unit: "minutes" } },
        },
        reporterSub: null,
        followTokenHash: null,
        external: null,
        workOrder: null,
      },
      NOW,
    );
    expect(steps.map((s) => s.type)).toEqual(["case.reported", "case.escalated"]);
    expect(steps[1]!.state).toMatchObject({
      version: 2,
      status: "accepted",
      holderDivisionCode: "440703000000",
      policeCall: true,
      priority: "emergency",
      step: "dispatch",
    });
    expect(steps[1]!.state.dueAt).toBe(new Date(NOW.getTime() + 5 * 60_000).toISOString());
  });
});

describe("case state machine: refusals", () => {
  const cases: [string, CaseStatus, CaseCommand][] = [
    ["sign before dispatch", "accepted", { name: "sign", body: {} }],
    ["rate an open case", "handled", { name: "rate", body: { rating: "satisfied", reopen: false } }],
    ["archive an open case", "signed", { name: "archive", body: {} }],
    ["verify twice", "verified", { name: "verify", body: {} }],
  ];
  it.each(cases)("refuses to %s with 409 naming what is allowed now", (_label, status, command) => {
    const s = { ...toHandled(), status };
    const d = decide(s, command, principals.admin, NOW);
    expect(d).toMatchObject({ ok: false, code: "invalid_transition" });
    expect(d.ok === false && d.allowed).toEqual(allowedNow(s));
  });

  it("refuses roles that may not take the step, and units outside the case", () => {
    const verified = run(newCase(), principals.gridWorker, { name: "verify", body: {} });
    expect(decide(verified, { name: "accept", body: {} }, principals.gridWorker, NOW)).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(decide(verified, { name: "accept", body: {} }, principals.otherCountyAgency, NOW)).toMatchObject({
      ok: false,
      code: "forbidden",
    });
    expect(
      decide(
        verified,
        { name: "resolve-on-site", body: { outcome: "x", evidence: [] } },
        principals.townshipAgency,
        NOW,
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
    const handled = toHandled();
    expect(
      decide(handled, { name: "check", body: { passed: true, opinion: "x" } }, principals.department, NOW),
    ).toMatchObject({ ok: false, code: "forbidden" });
    const signed = { ...handled, status: "signed" as const };
    expect(
      decide(signed, { name: "handle", body: { outcome: "x", evidence: [] } }, principals.otherDepartment, NOW),
    ).toMatchObject({ ok: false, code: "forbidden" });
    expect(
      decide(
        handled,
        { name: "check", body: { passed: true, opinion: "x" } },
        { ...principals.resident, sub: "someone-else" },
        NOW,
      ),
    ).toMatchObject({ ok: false, code: "forbidden" });
  });
});

describe("case clock: warning, overdue, supervision", () => {
  it("warns at 80% of the working time, then marks overdue with a supervision, once each", () => {
    const s = run(newCase(), principals.gridWorker, { name: "verify", body: {} });
    expect(tick(s, new Date(new Date(s.warnAt!).getTime() - 1))).toEqual([]);
    const warned = tick(s, new Date(s.warnAt!));
    expect(warned.map((x) => x.type)).toEqual(["case.deadline_warning"]);
    const w = warned[0]!.state;
    expect(tick(w, new Date(s.warnAt!))).toEqual([]);
    const late = tick(w, new Date(s.dueAt!));
    expect(late.map((x) => x.type)).toEqual(["case.overdue", "case.supervised"]);
    expect(late[1]!.details).toMatchObject({ responsibleUnit: "440703001001", step: "accept" });
    expect(late[1]!.state.version).toBe(w.version + 2);
    expect(tick(late[1]!.state, new Date(s.dueAt!))).toEqual([]);
  });
});

describe("step clocks on the working-day calendar", () => {
  it("skips the Labour Day holiday and counts the 调休 Saturday (2026-05-09) as a working day", () => {
    // Thursday 2026-04-30 10:00 Shanghai; handle = 5 working days: May 6, 7, 8, 9 (Saturday, worked), 11.
    const clock = startClock({ limits: {}, priority: "normal" }, "signed", new Date("2026-04-30T02:00:00Z"));
    expect(clock).toMatchObject({ step: "handle", dueAt: "2026-05-11T09:30:00.000Z" });
    expect(Date.parse(clock.warnAt!)).toBeLessThan(Date.parse(clock.dueAt!));
    // The county's list may set a limit per priority: urgent handle in 1 working day lands on the 调休 Saturday.
    const urgent = startClock(
      { limits: { "urgent:handle": { amount: 1, unit: "working_days" } }, priority: "urgent" },
      "signed",
      new Date("2026-05-08T02:00:00Z"),
    );
    expect(urgent.dueAt).toBe("2026-05-09T09:30:00.000Z");
  });
});
