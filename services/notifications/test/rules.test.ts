import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { parseAudience } from "../src/domain/audience";
import { caseEvent, deliveriesOf, drain, publish, runBatch, sinkFor } from "./helpers";

const keysOf = (rows: { recipient_key: string; channel: string }[]) =>
  rows.map((r) => `${r.channel} ${r.recipient_key}`).sort();

describe("rules turn events into messages", () => {
  it("seeds only rules whose audience parses and whose template exists", async () => {
    const { results } = await env.DB.prepare(
      "SELECT r.id, r.audience, t.code FROM rules r LEFT JOIN templates t ON t.code = r.template_code",
    ).all<{ id: string; audience: string; code: string | null }>();
    expect(results.length).toBeGreaterThanOrEqual(17);
    for (const rule of results) {
      expect(parseAudience(rule.audience), rule.id).not.toBeNull();
      expect(rule.code, rule.id).not.toBeNull();
    }
  });

  it("pushes a work order to the grid's workers: inbox for the grid, SMS to each worker's work phone", async () => {
    const event = caseEvent("case.work_order_created", { status: "verified", title: "核查出租屋消防隐患" });
    await publish(event);
    expect(keysOf(await deliveriesOf(event.id))).toEqual([
      "in_app grid:440703001001001",
      "sms worker:w-440703001001-01",
      "sms worker:w-440703001001-02",
    ]);
    await drain(event.id);
    const sms = await sinkFor(event.id);
    expect(sms.map((s) => s.phone)).toEqual(["0750-3300101", "0750-3300102"]);
    expect(sms[0]!.text).toContain("核查出租屋消防隐患");
    expect(sms[0]!.text).toContain("2026-03-20 17:30");
  });

  it("sends a dispatch to the lead department's duty line and the inboxes of lead and assisting departments", async () => {
    const event = caseEvent("case.dispatched", {
      leadDepartmentId: "dept-440703-police",
      assistingDepartmentIds: ["dept-440703-housing"],
    });
    await publish(event);
    expect(keysOf(await deliveriesOf(event.id))).toEqual([
      "in_app dept:dept-440703-housing",
      "in_app dept:dept-440703-police",
      "sms dept:dept-440703-police",
    ]);
    await drain(event.id);
    expect((await sinkFor(event.id)).map((s) => s.phone)).toEqual(["0750-3271110"]);
  });

  it("warns the responsible unit and the supervising agency of a coming deadline, as urgent", async () => {
    const event = caseEvent("case.deadline_warning", {
      leadDepartmentId: "dept-440703-police",
      responsibleUnit: "dept-440703-police",
    });
    await publish(event);
    const rows = await deliveriesOf(event.id);
    expect(keysOf(rows)).toEqual([
      "in_app agency:440703001000",
      "in_app dept:dept-440703-police",
      "sms dept:dept-440703-police",
    ]);
    expect(rows.every((r) => r.urgent === 1)).toBe(true);
  });

  it("tells the responsible agency (a division) and the supervising agency of an overdue step", async () => {
    const event = caseEvent("case.overdue", {
      step: "accept",
      responsibleUnit: "440703001000",
      holderDivisionCode: "440703001000",
    });
    await publish(event);
    // Agencies have no SMS directory: one inbox message for the unit that is also the supervising agency.
    expect(keysOf(await deliveriesOf(event.id))).toEqual(["in_app agency:440703001000"]);
    const message = await env.DB.prepare(
      "SELECT title, body, urgent FROM messages WHERE id = (SELECT id FROM deliveries WHERE event_id = ?1)",
    )
      .bind(event.id)
      .first<{ body: string; urgent: number }>();
    expect(message).toMatchObject({ urgent: 1 });
    expect(message!.body).toContain("受理环节已于2026-03-20 17:30超期");
  });

  it("sends an escalation to the upper agency now holding the case, quoting the reason", async () => {
    const event = caseEvent("case.escalated", {
      holderDivisionCode: "440703000000",
      details: { from: "440703001000", to: "440703000000", reason: "涉及多个部门" },
    });
    await publish(event);
    expect(keysOf(await deliveriesOf(event.id))).toEqual(["in_app agency:440703000000"]);
    const message = await env.DB.prepare(
      "SELECT body FROM messages WHERE recipient_key = 'agency:440703000000' AND case_id = ?1",
    )
      .bind(event.data.caseId)
      .first<{ body: string }>();
    expect(message!.body).toContain("原因：涉及多个部门");
  });

  it("tells the duty officers of an emergency at once: the county agency and the lead department by SMS", async () => {
    const event = caseEvent("case.reported", {
      status: "reported",
      priority: "emergency",
      leadDepartmentId: "dept-440703-police",
    });
    await publish(event);
    const rows = await deliveriesOf(event.id);
    expect(keysOf(rows)).toEqual([
      "in_app agency:440703000000",
      "in_app dept:dept-440703-police",
      "sms dept:dept-440703-police",
    ]);
    expect(rows.every((r) => r.urgent === 1)).toBe(true);
    const ordinary = caseEvent("case.reported", { status: "reported", priority: "normal" });
    await publish(ordinary);
    expect(await deliveriesOf(ordinary.id)).toEqual([]);
  });

  it("tells the resident who reported that the case is closed, and nobody when no reporter left a contact", async () => {
    const event = caseEvent("case.check_passed", { status: "closed", reporterSub: "t-resident" });
    await publish(event);
    expect(keysOf(await deliveriesOf(event.id))).toEqual(["in_app user:t-resident"]);
    const anonymous = caseEvent("case.check_passed", { status: "closed", reporterSub: null });
    await publish(anonymous);
    expect(await deliveriesOf(anonymous.id)).toEqual([]);
  });

  it("tells residents subscribed to a grid of a disclosure change", async () => {
    const event = {
      id: "registry:440703001001001:7",
      type: "registry.disclosure.changed",
      source: "registry",
      aggregateId: "440703001001001",
      version: 7,
      occurredAt: new Date().toISOString(),
      data: { gridCode: "440703001001001" },
    };
    const result = await runBatch("civicgrid-registry-events", [event]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(keysOf(await deliveriesOf(event.id))).toEqual(["in_app subscribers:440703001001001"]);
  });

  it("acknowledges events it does not read, and data it does not understand, without effect", async () => {
    const unknown = {
      id: "registry:x:1",
      type: "registry.matter.listed",
      source: "registry",
      aggregateId: "x",
      version: 1,
      occurredAt: new Date().toISOString(),
      data: { matter: "m" },
    };
    const garbled = { ...caseEvent("case.dispatched"), data: { caseId: 42 } };
    const result = await runBatch("civicgrid-registry-events", [unknown, garbled]);
    expect(result.explicitAcks).toHaveLength(2);
    expect(result.retryMessages).toEqual([]);
    expect(await deliveriesOf(unknown.id)).toEqual([]);
    expect(await deliveriesOf(garbled.id)).toEqual([]);
  });

  // Issue 13, one consumer policy: what is not an event at all is retried until it is dead-lettered, never dropped.
  it("retries a message that is not an event envelope, so that it reaches the dead-letter queue", async () => {
    const result = await runBatch("civicgrid-registry-events", ["not an envelope"]);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages).toHaveLength(1);
  });

  it("skips a disabled rule", async () => {
    await env.DB.prepare("UPDATE rules SET enabled = 0 WHERE id = 'dispatch-assist-app'").run();
    const event = caseEvent("case.dispatched", {
      leadDepartmentId: "dept-440703-police",
      assistingDepartmentIds: ["dept-440703-housing"],
    });
    await publish(event);
    await env.DB.prepare("UPDATE rules SET enabled = 1 WHERE id = 'dispatch-assist-app'").run();
    expect(keysOf(await deliveriesOf(event.id))).toEqual([
      "in_app dept:dept-440703-police",
      "sms dept:dept-440703-police",
    ]);
  });
});
