import { describe, expect, it } from "vitest";
import { caseEvent, deliveriesOf, publish } from "./helpers";

const keysOf = (rows: { recipient_key: string; channel: string }[]) =>
  rows.map((r) => `${r.channel} ${r.recipient_key}`).sort();

describe("every reporter of a case is told of its outcome (issue 16)", () => {
  it("tells the reporter and each co-reporter with a login when the check passes", async () => {
    const event = caseEvent("case.check_passed", {
      status: "closed",
      reporterSub: "t-resident",
      coReporterSubs: ["t-resident-2", "t-worker"],
    });
    await publish(event);
    expect(keysOf(await deliveriesOf(event.id))).toEqual([
      "in_app user:t-resident",
      "in_app user:t-resident-2",
      "in_app user:t-worker",
    ]);
  });

  it("tells the co-reporters of a case resolved on site, and nobody extra when there are none", async () => {
    const event = caseEvent("case.resolved_on_site", { status: "closed", reporterSub: null, coReporterSubs: ["t-r3"] });
    await publish(event);
    expect(keysOf(await deliveriesOf(event.id))).toEqual(["in_app user:t-r3"]);
    const alone = caseEvent("case.resolved_on_site", { status: "closed", reporterSub: null });
    await publish(alone);
    expect(await deliveriesOf(alone.id)).toEqual([]);
  });
});
