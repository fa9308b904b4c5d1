import type { VisitPlan } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import { imported } from "./fixtures/imports";
import { ADDRESS_HEADER, csv } from "./fixtures/ledgers";
import { call, GRID_1, idNumberOf, VILLAGE, who } from "./helpers";

/** More tagged people than one SQLite statement may bind (100 values in a Durable Object), loaded as ledgers. */
const PEOPLE = 130;
const door = (i: number) => `${i + 1}号`;

// Loading 130 people as ledgers takes a few seconds alone, but over 20 s on a 2-core machine busy with other suites.
describe("the visit plan of a full village", { timeout: 90_000 }, () => {
  it("lists every tagged person of a village with more of them than one statement binds", async () => {
    const rows = Array.from({ length: PEOPLE }, (_, i) => i);
    const addresses = csv([
      [...ADDRESS_HEADER],
      ...rows.map((i) => ["规模路", door(i), "", "", "", GRID_1.lng, GRID_1.lat]),
    ]);
    expect(await imported(addresses)).toMatchObject({ status: "applied" });
    const houses = csv([["地址", "用途"], ...rows.map((i) => [`规模路${door(i)}`, "住宅"])]);
    expect(await imported(houses, "houses")).toMatchObject({ status: "applied" });
    const header = ["身份证号", "姓名", "人口类型", "与户主关系", "居住地址", "居住方式", "起始日期", "标签"];
    const people = csv([
      header,
      ...rows.map((i) => [
        idNumberOf("440703", "19400101", String(100 + i)),
        `独居${i}`,
        "户籍",
        "户主",
        `规模路${door(i)}`,
        "自住",
        "2020-01-01",
        "独居老人",
      ]),
    ]);
    expect(await imported(people, "people")).toMatchObject({ status: "applied", appliedRows: PEOPLE });
    const res = await call(who.gridWorker, "GET", "/v1/basedata/visit-plan?gridCode=440703001001001");
    expect(res.status, await res.clone().text()).toBe(200);
    const plan = await res.json<VisitPlan>();
    expect(plan.entries.filter((e) => e.tagKind === "elderly_alone").length).toBeGreaterThanOrEqual(PEOPLE);
    const agency = await call(who.villageAgency, "GET", `/v1/basedata/visit-plan?villageCode=${VILLAGE}`);
    expect(agency.status).toBe(200);
  });

  it("a village behind on its outbox delivers batch after batch: the last person is soon found county-wide", async () => {
    // The previous test left hundreds of identity rows to deliver, 90 a batch: the alarm goes on at once while
    // rows are left (a pause only follows a failure), so the last imported ID number reaches its shard in seconds.
    const last = idNumberOf("440703", "19400101", String(100 + PEOPLE - 1));
    const search = `/v1/basedata/people?countyCode=440703000000&idNumber=${last}`;
    let found = 0;
    for (let i = 0; i < 100 && found === 0; i++) {
      const res = await call(who.countyAgency, "GET", search);
      found = (await res.json<{ items: unknown[] }>()).items.length;
      if (found === 0) await new Promise((r) => setTimeout(r, 100));
    }
    expect(found).toBe(1);
  });
});
