// Issue 17: a queue batch reads the enabled rules of each event type and the templates once, not once per event.
import type { Principal } from "@civicgrid/contracts";
import { jsonAs } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { caseEvent, runBatch } from "./helpers";

const police: Principal = {
  sub: "t-reads-police",
  roles: ["department"],
  divisionCode: "440703000000",
  departmentId: "dept-440706-police",
};

/** DB with every statement's SQL recorded, so a test can count what a batch read. */
function countingDb() {
  const seen: string[] = [];
  const db = new Proxy(env.DB, {
    get(target, key) {
      if (key === "prepare") return (sql: string) => (seen.push(sql), target.prepare(sql));
      const value = Reflect.get(target, key) as unknown;
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return { db, reads: (table: string) => seen.filter((s) => s.startsWith("select") && s.includes(`from "${table}"`)) };
}

describe("rules and templates, read once a batch (issue 17)", () => {
  it("delivers every event of a batch while reading each event type's rules and the templates once", async () => {
    const events = [1, 2, 3, 4].map((n) =>
      caseEvent(
        "case.dispatched",
        { leadDepartmentId: "dept-440706-police", countyCode: "440706000000", title: `一批案件${n}` },
        `2026-04-1${n}T01:00:00.000Z`,
      ),
    );
    const escalated = caseEvent("case.escalated", { holderDivisionCode: "440703001000" });
    const { db, reads } = countingDb();
    const result = await runBatch("civicgrid-case-events-notifications", [...events, escalated], { DB: db });
    expect(result.explicitAcks).toHaveLength(5);
    expect(reads("rules")).toHaveLength(2);
    expect(reads("templates")).toHaveLength(1);

    // Every one of the four still reached the department's inbox.
    const res = await exports.default.fetch("http://notifications/v1/inbox", await jsonAs(police, "GET"));
    const titles = (await res.json<{ items: { title: string }[] }>()).items.map((m) => m.title);
    expect(titles).toEqual([4, 3, 2, 1].map((n) => `新派遣案件：一批案件${n}`));
  });
});
