import type { ExportRecord, Principal } from "@civicgrid/contracts";
import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { villageDb } from "../src/village/db";
import { addresses } from "../src/village/schema";
import { seedVillageRecords, villageObject } from "./counts-fixture";
import { VILLAGE, call, doorInGrid1, submitChange, who } from "./helpers";

const exportOf = (body: Record<string, unknown>, principal: Principal = who.villageAgency) =>
  call(principal, "POST", "/v1/basedata/exports", body);
const purpose = "2026年度人口普查核对";

beforeAll(async () => {
  await doorInGrid1();
  await seedVillageRecords();
});

describe("exports (导出)", () => {
  it("answers people as CSV for Excel (UTF-8 with BOM), masked, without tags, carrying who, when and why", async () => {
    const res = await exportOf({ kind: "people", divisionCode: "440703001000", purpose }, who.townshipAgency);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const [heading, header, ...rows] = text.trim().split("\r\n");
    expect(heading).toContain(`by=${who.townshipAgency.sub}`);
    expect(heading).toMatch(/at=\d{4}-\d{2}-\d{2}T/);
    expect(heading).toContain(`purpose=${purpose}`);
    expect(header).toBe(
      "id,name,idNumber,gender,personType,nationality,phone,householdId,relation,house,gridCode,status",
    );
    expect(rows).toHaveLength(5);
    expect(text).toContain("张*丰");
    expect(text).toContain("440703********1234");
    expect(text).not.toContain("张三丰");
    // No tag of any kind reaches a file: neither the kinds nor their names.
    expect(text).not.toMatch(/elderly_alone|community_correction|独居|矫正/);
  });

  it("masks owners' names in houses and keeps only the masked phones", async () => {
    const res = await exportOf({ kind: "houses", divisionCode: VILLAGE, purpose });
    const text = await res.text();
    expect(text).toContain("李*");
    expect(text).toContain("138****5678");
    expect(text).not.toContain("李四");
  });

  it("logs every export (who, when, kind, division, purpose, rows) and lists the log of a division", async () => {
    // The log's row count is written once the whole file has been read.
    await (await exportOf({ kind: "addresses", divisionCode: VILLAGE, purpose })).text();
    const res = await call(who.countyAgency, "GET", "/v1/basedata/exports?divisionCode=440703000000&limit=2");
    expect(res.status).toBe(200);
    const page = await res.json<{ items: ExportRecord[]; nextCursor: string | null }>();
    expect(page.items[0]).toMatchObject({
      kind: "addresses",
      divisionCode: VILLAGE,
      purpose,
      rows: 2,
      bySub: who.villageAgency.sub,
    });
    expect(page.nextCursor).not.toBeNull();
    const next = await call(
      who.countyAgency,
      "GET",
      `/v1/basedata/exports?divisionCode=440703000000&cursor=${page.nextCursor}`,
    );
    const rest = (await next.json<{ items: ExportRecord[] }>()).items;
    expect(rest.map((r) => r.kind)).toContain("people");
    expect(rest.map((r) => r.id)).not.toContain(page.items[0]!.id);
  });

  it("pages through a large village (more rows than one page of the village object) without losing or repeating one", async () => {
    const village = "440705001001";
    await addressesIn(village, 1005);
    const res = await exportOf({ kind: "addresses", divisionCode: "440705000000", purpose }, who.otherCountyAgency);
    const ids = (await res.text())
      .trim()
      .split("\r\n")
      .slice(2)
      .map((line) => line.split(",")[0]);
    expect(ids).toHaveLength(1005);
    expect(new Set(ids).size).toBe(1005);
  });
});

/** TEST FIXTURE: many roads written straight into a village's object, and the village listed as holding base data. */
async function addressesIn(village: string, count: number) {
  await env.DB.prepare(
    "INSERT OR IGNORE INTO villages (code, township_code, county_code, created_at) VALUES (?, ?, ?, '2026-12-01')",
  )
    .bind(village, `${village.slice(0, 9)}000`, `${village.slice(0, 6)}000000`)
    .run();
  await runInDurableObject(villageObject(village), (_instance, state) => {
    const at = "2026-12-01T00:00:00.000Z";
    const rows = Array.from({ length: count }, (_, i) => ({
      id: `ad-${village}-${String(i + 1).padStart(6, "0")}`,
      level: "road" as const,
      name: `路${i}`,
      fullName: `路${i}`,
      normKey: `路${i}`,
      createdAt: at,
      updatedAt: at,
    }));
    const db = villageDb(state.storage);
    // The object binds at most 100 SQL variables per statement: ten rows of seven values at a time.
    for (let i = 0; i < rows.length; i += 10)
      db.insert(addresses)
        .values(rows.slice(i, i + 10))
        .run();
  });
}

describe("exports: refusals", () => {
  it("refuses an export without a purpose, naming body.purpose", async () => {
    for (const body of [
      { kind: "people", divisionCode: VILLAGE },
      { kind: "people", divisionCode: VILLAGE, purpose: " " },
    ]) {
      const res = await exportOf(body);
      expect(res.status).toBe(400);
      const problem = await res.json<{ errors: { field: string }[] }>();
      expect(problem.errors.map((e) => e.field)).toContain("body.purpose");
    }
  });

  it("refuses another county's agency, grid workers and departments, and logs nothing for them", async () => {
    const body = { kind: "people", divisionCode: VILLAGE, purpose };
    expect((await exportOf(body, who.otherCountyAgency)).status).toBe(403);
    expect((await exportOf(body, who.gridWorker)).status).toBe(403);
    expect((await exportOf(body, who.department)).status).toBe(403);
    expect((await call(who.otherCountyAgency, "GET", "/v1/basedata/exports?divisionCode=440703000000")).status).toBe(
      403,
    );
    expect((await call(who.gridWorker, "GET", `/v1/basedata/exports?divisionCode=${VILLAGE}`)).status).toBe(403);
    const log = await call(who.countyAgency, "GET", "/v1/basedata/exports?divisionCode=440703000000&limit=200");
    const subs = (await log.json<{ items: ExportRecord[] }>()).items.map((r) => r.bySub);
    expect(subs).not.toContain(who.otherCountyAgency.sub);
    expect(subs).not.toContain(who.gridWorker.sub);
  });
});

describe("villages the registry does not know", () => {
  it("refuses a submission to a village code the registry does not keep (422 naming body.villageCode)", async () => {
    const res = await submitChange(
      who.countyAgency,
      { kind: "address.create", level: "road", name: "无名路" },
      { village: "440703001099", verifyNow: true },
    );
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { field: string }[] }>();
    expect(problem.errors.map((e) => e.field)).toEqual(["body.villageCode"]);
    const counts = await call(who.countyAgency, "GET", "/v1/basedata/counts?divisionCode=440703001099");
    expect((await counts.json<{ grids: number }>()).grids).toBe(0);
  });
});
