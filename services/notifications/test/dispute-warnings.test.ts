import type { CaseEventData, InboxMessage, Principal } from "@civicgrid/contracts";
import { jsonAs } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { originalQueue } from "../src/queue/dead-letters";
import { caseEvent, deliveriesOf, publish } from "./helpers";

/** 台山 (440781): principals of their own, so no other suite's events reach these inboxes. */
const county: Principal = { sub: "t-dw-county", roles: ["agency"], divisionCode: "440781000000" };
const township: Principal = { sub: "t-dw-township", roles: ["agency"], divisionCode: "440781001000" };
const otherCounty: Principal = { sub: "t-dw-xh", roles: ["agency"], divisionCode: "440785000000" };
const dept = (kind: string): Principal => ({
  sub: `t-dw-${kind}`,
  roles: ["department"],
  divisionCode: "440781000000",
  departmentId: `dept-440781-${kind}`,
});
const [police, justice, housing] = [dept("police"), dept("justice"), dept("housing")];

/** A dispute event as the case's object sends it: the summary only, and a title that names the parties. */
function disputeEvent(type: string, data: Partial<CaseEventData> = {}) {
  return caseEvent(type, {
    title: "张三与李四宅基地纠纷",
    status: "accepted",
    gridCode: "440781001001001",
    villageCode: "440781001001",
    townshipCode: "440781001000",
    countyCode: "440781000000",
    holderDivisionCode: "440781000000",
    dispute: {
      stage: "mediating",
      relation: "land",
      riskLevel: "major",
      mediatorId: null,
      mediatorKind: null,
      diversionChannel: null,
      amount: null,
    },
    ...data,
  });
}

async function inbox(principal: Principal, type: string): Promise<InboxMessage[]> {
  const res = await exports.default.fetch("http://notifications/v1/inbox?limit=200", await jsonAs(principal, "GET"));
  expect(res.status).toBe(200);
  return (await res.json<{ items: InboxMessage[] }>()).items.filter((m) => m.eventType === type);
}

describe("dispute warnings (Gansu 二(一)1(2)): the county and the police told exactly once", () => {
  it("a major-risk dispute reaches the county agency's inbox once, urgent, even when redelivered", async () => {
    const event = disputeEvent("dispute.county_warned");
    expect((await publish(event, event)).explicitAcks).toHaveLength(2);
    await publish(event); // a redelivery: nothing more
    expect((await deliveriesOf(event.id)).map((d) => [d.recipient_key, d.channel, d.urgent])).toEqual([
      ["agency:440781000000", "in_app", 1],
    ]);
    const [message, ...more] = await inbox(county, "dispute.county_warned");
    expect(more).toEqual([]);
    expect(message).toMatchObject({
      caseId: event.aggregateId,
      urgent: true,
      title: `重大风险矛盾纠纷：${event.aggregateId}`,
    });
    expect(message!.body).toContain("网格440781001001001");
    for (const p of [township, otherCounty, police]) expect(await inbox(p, "dispute.county_warned")).toEqual([]);
  });

  it("threats of violence reach each police department named once, and no one else", async () => {
    const event = disputeEvent("dispute.police_warned", {
      warnDepartmentIds: ["dept-440781-police", "dept-440781-justice"],
    });
    await publish(event, event);
    await publish(event);
    expect((await deliveriesOf(event.id)).map((d) => [d.recipient_key, d.urgent])).toEqual([
      ["dept:dept-440781-justice", 1],
      ["dept:dept-440781-police", 1],
    ]);
    for (const p of [police, justice]) {
      const messages = await inbox(p, "dispute.police_warned");
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatchObject({
        caseId: event.aggregateId,
        urgent: true,
        title: `命案风险预警：${event.aggregateId}`,
      });
    }
    for (const p of [housing, county]) expect(await inbox(p, "dispute.police_warned")).toEqual([]);
  });

  it("the text never carries a party's identity, not even through the case's title", async () => {
    for (const p of [county, police]) {
      const text = JSON.stringify([
        ...(await inbox(p, "dispute.county_warned")),
        ...(await inbox(p, "dispute.police_warned")),
      ]);
      expect(text).not.toMatch(/张三|李四|宅基地/);
    }
  });

  it("a dispute event given up on is kept as the case-events queue's dead letter", () => {
    expect(originalQueue(disputeEvent("dispute.police_warned"))).toBe("civicgrid-case-events-notifications");
  });
});
