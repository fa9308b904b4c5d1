import type { CaseView, Principal, VisitCaseInput } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, HERE, outboxEvents, refusal, XINHUI } from "./helpers";

// The base-data service's calls (CasesBaseDataRpc), made the way it makes them: RPC on the default export.
const worker = principals.gridWorker as Principal;
let seq = 0;
const need = (overrides: Partial<VisitCaseInput> = {}): VisitCaseInput => {
  const visitId = `vi-440703001001-${String(700000 + ++seq)}`;
  return {
    principal: worker,
    visitId,
    needIndex: 0,
    title: "楼道灭火器过期",
    description: "走访发现楼道灭火器已过期",
    categoryCode: "A01",
    ...HERE,
    links: [
      { kind: "visit", id: visitId },
      { kind: "house", id: "ho-440703001001-000001" },
    ],
    ...overrides,
  };
};

describe("cases opened from home visits (CasesBaseDataRpc)", () => {
  it("opens a case in the worker's name with the visit linked, shown in the case and its first event", async () => {
    const input = need();
    const { caseId } = await exports.default.reportFromVisit(input);
    expect(caseId).toMatch(/^CASE-\d{8}-[A-Z2-7]{10}$/);
    const view = await (await call(principals.countyAgency, "GET", `/v1/cases/${caseId}`)).json<CaseView>();
    expect(view).toMatchObject({ status: "reported", source: "grid_worker", gridCode: "440703001001001" });
    expect(view.links).toEqual(input.links);
    const [reported] = await outboxEvents(caseId);
    expect(reported).toMatchObject({
      type: "case.reported",
      data: { actor: { sub: worker.sub, role: "grid_worker" } },
    });
    expect(reported!.data.details).toMatchObject({ links: input.links });
    expect(await exports.default.caseScope(caseId)).toEqual({
      divisionCode: "440703001001",
      gridCode: "440703001001001",
    });
  });

  it("is idempotent per (visit, need): a redelivery answers the same case; another need opens another", async () => {
    const input = need();
    const first = await exports.default.reportFromVisit(input);
    const again = await Promise.all([exports.default.reportFromVisit(input), exports.default.reportFromVisit(input)]);
    expect(again.map((a) => a.caseId)).toEqual([first.caseId, first.caseId]);
    const second = await exports.default.reportFromVisit({ ...input, needIndex: 1 });
    expect(second.caseId).not.toBe(first.caseId);
    const found = await (
      await call(principals.countyAgency, "GET", `/v1/cases?q=${encodeURIComponent("灭火器已过期")}&limit=200`)
    ).json<{ items: CaseView[] }>();
    expect(found.items.filter((c) => c.id === first.caseId)).toHaveLength(1);
  });

  it("refuses a worker who does not serve the grid of the point, and any other county's point", async () => {
    const otherGrid = { ...worker, grids: ["440703001001002"] };
    expect(await refusal(exports.default.reportFromVisit(need({ principal: otherGrid })))).toMatch(/^forbidden/);
    expect(await refusal(exports.default.reportFromVisit(need({ ...XINHUI })))).toMatch(/^forbidden/);
    const agency = principals.countyAgency as Principal;
    expect(await refusal(exports.default.reportFromVisit(need({ principal: agency })))).toMatch(/^forbidden/);
    const xinhuiWorker = { ...worker, divisionCode: "440705001001", grids: ["440705001001001"] };
    expect(await refusal(exports.default.reportFromVisit(need({ principal: xinhuiWorker })))).toMatch(/^forbidden/);
  });

  it("refuses invalid input (naming the field) and a forbidden matter; caseScope knows no stranger", async () => {
    expect(await refusal(exports.default.reportFromVisit(need({ visitId: "nope" })))).toContain("visitId");
    expect(await refusal(exports.default.reportFromVisit(need({ categoryCode: "F01" })))).toMatch(/forbidden list/);
    expect(await exports.default.caseScope("CASE-20261201-AAAAAAAAAA")).toBeNull();
    expect(await exports.default.caseScope("not-a-case")).toBeNull();
  });
});
