import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseSummary, CaseView } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { archiveClosedCases, type ArchiveRun } from "../src/archive/job";
import type { ArchivedCase } from "../src/archive/contract";
import { call, caseShard, ftsStrays, report, step } from "./helpers";

const DAY = 86_400_000;
const NIGHTLY = "*/15 17-20 * * *";
const police = { leadDepartmentId: "dept-440703-police" };
const agency = principals.countyAgency;

let titles = 0;
/** A title no other case has, so that a search finds exactly this case (the trigram index needs 3+ characters). */
const uniqueTitle = () => `归档测试${Date.now()}-${++titles}号路灯`;

/** A resident's report driven to closed through the township agency and the police. */
async function closedCase(title = uniqueTitle()): Promise<CaseView> {
  let c = await step(principals.gridWorker, await report(principals.resident, { title }), "verify");
  c = await step(principals.townshipAgency, c, "accept");
  c = await step(principals.townshipAgency, c, "dispatch", police);
  c = await step(principals.department, c, "sign");
  c = await step(principals.department, c, "handle", { outcome: "已修复", evidence: [] });
  return step(principals.townshipAgency, c, "check", { passed: true, opinion: "合格" });
}

/** The nightly archive, run as its cron at `at` (epoch ms). */
async function nightly(at: number): Promise<ArchiveRun> {
  const outcome = await exports.default.runCron(NIGHTLY, at);
  expect(outcome.ran).toBe(true);
  return (outcome as unknown as { result: ArchiveRun }).result;
}

/** The hot list's search for one title (the FTS rows go with the case). */
async function hotIds(title: string): Promise<string[]> {
  const res = await call(agency, "GET", `/v1/cases?q=${encodeURIComponent(title)}&limit=200`);
  expect(res.status).toBe(200);
  return (await res.json<{ items: CaseSummary[] }>()).items.map((s) => s.id);
}

async function archived(query = "", who = agency): Promise<ArchivedCase[]> {
  const res = await call(who, "GET", `/v1/cases/archived?limit=200${query}`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json<{ items: ArchivedCase[] }>()).items;
}

const hotRows = async (id: string) => {
  const tables = ["cases", "case_departments", "cases_fts", "follow_ups"] as const;
  const shard = await caseShard(id);
  const counts = await shard.batch(
    tables.map((t) =>
      shard.prepare(`SELECT count(*) AS n FROM ${t} WHERE ${t === "cases" ? "id" : "case_id"} = ?`).bind(id),
    ),
  );
  return Object.fromEntries(tables.map((t, i) => [t, (counts[i]!.results[0] as { n: number }).n]));
};

describe("the archive (issue 17): terminal cases quiet for 90 days leave the hot tables", () => {
  it("archives a case closed more than 90 days ago: R2 export with the event log, gone from the hot list, listed as archived, still read by id", async () => {
    const title = uniqueTitle();
    const c = await closedCase(title);
    expect(await hotIds(title)).toEqual([c.id]);

    // 89 days later it is not due yet.
    expect((await nightly(Date.now() + 89 * DAY)).archived).toBe(0);
    expect(await hotIds(title)).toEqual([c.id]);

    const run = await nightly(Date.now() + 91 * DAY);
    expect(run).toMatchObject({ skipped: false, failed: 0 });
    expect(run.archived).toBeGreaterThanOrEqual(1);

    // The export in R2: the final view and every event, with the SHA-256 of its bytes.
    const [row] = await archived(`&grid=${c.gridCode}&category=${c.categoryCode}`).then((rows) =>
      rows.filter((r) => r.id === c.id),
    );
    expect(row).toMatchObject({ id: c.id, status: "closed", countyCode: c.countyCode, gridCode: c.gridCode });
    expect(row!.archiveKey).toBe(`cases/440703/${c.createdAt.slice(0, 4)}/${c.createdAt.slice(5, 7)}/${c.id}.json`);
    const object = await env.ARCHIVE.get(row!.archiveKey);
    expect(object?.httpMetadata?.contentType).toBe("application/json");
    const text = await object!.text();
    const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
    const hex = [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
    expect(object!.customMetadata?.sha256).toBe(hex);
    expect(row!.sha256).toBe(hex);
    const exported = JSON.parse(text) as CaseArchive;
    expect(exported.case).toMatchObject({ id: c.id, status: "closed", version: c.version });
    expect(exported.events.map((e) => e.version)).toEqual(Array.from({ length: c.version }, (_, i) => i + 1));
    expect(exported.events.at(-1)?.type).toBe("case.check_passed");

    // Out of every hot table; the search no longer finds it.
    expect(await hotRows(c.id)).toEqual({ cases: 0, case_departments: 0, cases_fts: 0, follow_ups: 0 });
    expect(await ftsStrays(c.id)).toBe(0);
    expect(await hotIds(title)).toEqual([]);

    // The archived list filters by closing date; the Durable Object still answers by id; the export is served.
    const closedAt = Date.parse(row!.closedAt);
    const from = new Date(closedAt - DAY).toISOString();
    expect((await archived(`&closedFrom=${from}`)).map((r) => r.id)).toContain(c.id);
    expect((await archived(`&closedTo=${from}`)).map((r) => r.id)).not.toContain(c.id);
    // Open311's request by id (the public record) still answers from the Durable Object.
    expect(await exports.default.publicRequest(c.id)).toMatchObject({ caseId: c.id, status: "closed" });
    const byId = await call(agency, "GET", `/v1/cases/${c.id}`);
    expect(byId.status).toBe(200);
    expect(await byId.json<CaseView>()).toMatchObject({ id: c.id, status: "closed", version: c.version });
    const served = await call(agency, "GET", `/v1/cases/${c.id}/archive/export`);
    expect(served.status).toBe(200);
    expect(served.headers.get("etag")).toBe(`"${hex}"`);
    expect(await served.text()).toBe(text);

    // Another county sees neither the export nor the list of this county.
    expect((await call(principals.otherCountyAgency, "GET", `/v1/cases/${c.id}/archive/export`)).status).toBe(403);
    const refused = await call(principals.otherCountyAgency, "GET", "/v1/cases/archived?division=440703000000");
    expect(refused.status).toBe(403);
    expect((await archived("", principals.otherCountyAgency)).map((r) => r.id)).not.toContain(c.id);

    // Running again changes nothing: no case archived, the export and the slim row as they were.
    const again = await nightly(Date.now() + 92 * DAY);
    expect(again.archived).toBe(0);
    expect((await env.ARCHIVE.head(row!.archiveKey))?.customMetadata?.sha256).toBe(hex);
    expect((await archived()).filter((r) => r.id === c.id)).toEqual([row]);
  });

  it("never archives an open case, however old", async () => {
    const title = uniqueTitle();
    const open = await step(principals.gridWorker, await report(principals.resident, { title }), "verify");
    await nightly(Date.now() + 1000 * DAY);
    expect(await hotIds(title)).toEqual([open.id]);
    expect((await archived()).map((r) => r.id)).not.toContain(open.id);
    const res = await call(agency, "GET", `/v1/cases/${open.id}/archive/export`);
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("deletes nothing when the export cannot be written, and archives the case on a later run", async () => {
    const title = uniqueTitle();
    const c = await closedCase(title);
    const failing = Object.create(env.ARCHIVE, {
      put: { value: () => Promise.reject(new Error("R2 is unavailable")) },
    }) as R2Bucket;
    const run = await archiveClosedCases({ ...env, ARCHIVE: failing }, new Date(Date.now() + 91 * DAY));
    expect(run.failed).toBeGreaterThanOrEqual(1);
    expect(await hotIds(title)).toEqual([c.id]);
    expect((await hotRows(c.id)).cases).toBe(1);
    expect((await archived()).map((r) => r.id)).not.toContain(c.id);
    expect((await call(agency, "GET", `/v1/cases/${c.id}/archive/export`)).status).toBe(404);

    await nightly(Date.now() + 91 * DAY);
    expect(await hotIds(title)).toEqual([]);
    expect((await archived()).map((r) => r.id)).toContain(c.id);
  });

  it("a case that moves after it was archived is hot again and leaves the archived list until it is quiet", async () => {
    const title = uniqueTitle();
    const c = await closedCase(title);
    await nightly(Date.now() + 91 * DAY);
    expect(await hotIds(title)).toEqual([]);
    // The reporter rates it, unsatisfied: the case reopens for rework and its projection makes it hot again.
    const reopened = await step(
      principals.resident,
      await (await call(agency, "GET", `/v1/cases/${c.id}`)).json<CaseView>(),
      "rate",
      {
        rating: "unsatisfied",
        comment: "又坏了",
      },
    );
    expect(reopened.status).toBe("signed");
    expect(await hotIds(title)).toEqual([c.id]);
    expect((await archived()).map((r) => r.id)).not.toContain(c.id);
    expect((await call(agency, "GET", `/v1/cases/${c.id}/archive/export`)).status).toBe(404);
  });
});
