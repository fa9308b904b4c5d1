import type { CaseSummary, CaseView } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { runInDurableObject } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { readModelOf, readModels } from "../src/store/shards";
import { call, HERE, report, step, XINHUI } from "./helpers";

/** Issue 17: the cases read model in one D1 database per county, read through D1 sessions with bookmarks. */

type Page = { items: CaseSummary[]; nextCursor: string | null };
type Problem = { errors?: { field: string }[] };

const PENGJIANG = "440703000000";
const XINHUI_COUNTY = "440705000000";
/** A word in every title of this suite's cases and in no other suite's, so a search lists only them. */
const WORD = `fenpian${Math.random().toString(36).slice(2, 8)}`;
const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));

const inPengjiang = (n: number) => report(principals.gridWorker, { ...HERE, title: `${WORD} 蓬江${n}` });
const inXinhui = (n: number) => report(principals.otherCountyAgency, { ...XINHUI, title: `${WORD} 新会${n}` });

async function list(who: (typeof principals)[keyof typeof principals], query: string, headers = {}) {
  const res = await call(who, "GET", `/v1/cases?q=${WORD}&${query}`, undefined, headers);
  expect(res.status).toBe(200);
  return { page: await res.json<Page>(), bookmarks: bookmarksOf(res) };
}

function bookmarksOf(res: Response): Map<string, string> {
  const header = res.headers.get("x-d1-bookmark") ?? "";
  return new Map(header ? header.split(",").map((e) => e.split("=") as [string, string]) : []);
}

async function rowIn(county: string, id: string) {
  return readModelOf(env, county).prepare("SELECT id FROM cases WHERE id = ?").bind(id).first();
}

/** Every page of a list, following nextCursor. */
async function allPages(who: (typeof principals)[keyof typeof principals], limit: number) {
  const ids: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const { page } = await list(who, `limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`);
    ids.push(...page.items.map((c) => c.id));
    cursor = page.nextCursor;
    pages += 1;
  } while (cursor && pages < 20);
  return { ids, pages };
}

let cases: CaseView[] = [];
beforeAll(async () => {
  // Interleaved in time across the two counties, so the city's newest-first order alternates between shards.
  cases = [await inPengjiang(1), await inXinhui(1), await inPengjiang(2), await inXinhui(2), await inPengjiang(3)];
});

/** The cases newest first, as the lists order them: (created_at DESC, id DESC). */
const newestFirst = (views: CaseView[]) =>
  [...views]
    .sort((a, b) => (a.createdAt === b.createdAt ? b.id.localeCompare(a.id) : b.createdAt.localeCompare(a.createdAt)))
    .map((c) => c.id);

describe("one D1 database per county", () => {
  it("binds a shard per county of the demo city", () => {
    expect(readModels(env).map((m) => m.county6)).toEqual([
      "440703",
      "440704",
      "440705",
      "440781",
      "440783",
      "440784",
      "440785",
    ]);
    expect(() => readModelOf(env, "440106000000")).toThrow(/no cases read-model database for county 440106000000/);
  });

  it("refuses to open a case in a county without a shard, naming the place", async () => {
    const refused = await exports.default
      .createFromPlatform({
        platform: "yuepingan",
        orderId: `SHARDS-${Date.now()}`,
        categoryCode: "A01",
        divisionCode: "440106001001",
        title: "外区来电",
        description: "不在本市的地点",
        reportedAt: new Date().toISOString(),
      })
      .catch((e: unknown) => e);
    expect((refused as Error).message).toMatch(/^unprocessable: body\.lng: no county 440106 in this city/);
  });

  it("keeps a case's rows in its county's shard only; the county's agency lists it, another county's does not", async () => {
    const [pj, xh] = [cases[0]!, cases[1]!];
    expect(await rowIn(PENGJIANG, pj.id)).toEqual({ id: pj.id });
    expect(await rowIn(XINHUI_COUNTY, pj.id)).toBeNull();
    expect(await rowIn(XINHUI_COUNTY, xh.id)).toEqual({ id: xh.id });
    expect(await env.DB.prepare("SELECT count(*) AS n FROM cases").first()).toEqual({ n: 0 });

    const own = await list(principals.countyAgency, "limit=50");
    expect(own.page.items.map((c) => c.id)).toEqual(newestFirst(cases.filter((c) => c.countyCode === PENGJIANG)));
    // One county's caller reads its own shard only: the bookmarks answered name it alone.
    expect([...own.bookmarks.keys()]).toEqual(["440703"]);
    const other = await list(principals.otherCountyAgency, "limit=50");
    expect(other.page.items.map((c) => c.id)).toEqual(newestFirst(cases.filter((c) => c.countyCode === XINHUI_COUNTY)));
  });

  it("a city-level list merges the counties newest first, and its cursor pages across the shards", async () => {
    const expected = newestFirst(cases);
    const whole = await list(principals.cityAgency, "limit=50");
    expect(whole.page.items.map((c) => c.id)).toEqual(expected);
    expect([...whole.bookmarks.keys()]).toEqual(readModels(env).map((m) => m.county6));
    for (const limit of [1, 2, 3]) {
      const { ids, pages } = await allPages(principals.cityAgency, limit);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.ceil(expected.length / limit));
    }
    // Narrowed to a county by the query, the city reads that county's shard only.
    const narrowed = await list(principals.cityAgency, `limit=50&division=${XINHUI_COUNTY}`);
    expect(narrowed.page.items.map((c) => c.id)).toEqual(
      newestFirst(cases.filter((c) => c.countyCode === XINHUI_COUNTY)),
    );
    expect([...narrowed.bookmarks.keys()]).toEqual(["440705"]);
  });
});

describe("D1 sessions: x-d1-bookmark", () => {
  it("a read with the writer's bookmark sees the write, and answers a bookmark at least as new", async () => {
    const target = cases[2]!;
    // The writer: a write through a session at the primary, as the case object's projection does.
    const writer = readModelOf(env, PENGJIANG).withSession("first-primary");
    await writer
      .prepare("UPDATE cases SET summary = json_set(summary, '$.title', ?) WHERE id = ?")
      .bind(`${WORD} 改过的标题`, target.id)
      .run();
    const written = writer.getBookmark();
    expect(written).toEqual(expect.any(String));

    const { page, bookmarks } = await list(principals.countyAgency, "limit=50", {
      "x-d1-bookmark": `440703=${written},440785=${written}`,
    });
    expect(page.items.find((c) => c.id === target.id)?.title).toBe(`${WORD} 改过的标题`);
    expect(bookmarks.get("440703")! >= written!).toBe(true);
    // A shard the request did not read keeps the entry it was given.
    expect(bookmarks.get("440785")).toBe(written);
  });

  it("refuses a malformed bookmark header, naming it", async () => {
    for (const header of ["440703", "4407=abc", "440703=a b", "440703=x,,440705=y"]) {
      const res = await call(principals.countyAgency, "GET", "/v1/cases", undefined, { "x-d1-bookmark": header });
      expect(res.status).toBe(400);
      expect((await res.json<Problem>()).errors?.[0]?.field).toBe("header.x-d1-bookmark");
    }
  });
});

describe("the supervision sweep", () => {
  it("reaches the due cases of every county's shard", async () => {
    const pj = await step(principals.gridWorker, await inPengjiang(9), "verify");
    const xh = await step(principals.otherCountyAgency, await inXinhui(9), "verify");
    // Their alarms are lost: only the sweep over every shard's next_due_at can find them.
    for (const c of [pj, xh]) await runInDurableObject(stub(c.id), (_i, s) => s.storage.deleteAlarm());
    const later = Date.parse(pj.dueAt!) > Date.parse(xh.dueAt!) ? Date.parse(pj.dueAt!) : Date.parse(xh.dueAt!);
    const outcome = await exports.default.runCron("*/5 * * * *", later + 60_000);
    expect(outcome).toMatchObject({ ran: true });
    for (const c of [pj, xh]) expect(await stub(c.id).snapshot()).toMatchObject({ overdue: true });
  });
});
