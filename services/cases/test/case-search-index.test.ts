import { principals } from "@civicgrid/testing";
import type { CaseSummary } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { CaseState } from "../src/domain";
import { database } from "../src/store/db";
import { projectCase } from "../src/store/projection";
import { call, caseShard, ftsStrays, report, step } from "./helpers";

let n = 0;
/** A text no other case holds, so a search finds exactly the cases that carry it (trigram: 3+ characters). */
const unique = (what: string) => `${what}${Date.now()}-${++n}号`;

async function found(q: string): Promise<string[]> {
  const res = await call(principals.countyAgency, "GET", `/v1/cases?q=${encodeURIComponent(q)}&limit=200`);
  expect(res.status).toBe(200);
  return (await res.json<{ items: CaseSummary[] }>()).items.map((s) => s.id);
}

async function snapshot(id: string): Promise<CaseState> {
  const state = await env.CASE.get(env.CASE.idFromName(id)).snapshot();
  if (!state) throw new Error(`no case ${id}`);
  return state;
}

/** The case's FTS rows and the rowid its `cases` row keeps for them. */
async function ftsOf(id: string) {
  const shard = await caseShard(id);
  const [rows, kept] = await shard.batch<{ rowid: number; title: string }>([
    shard.prepare("SELECT rowid, title FROM cases_fts WHERE case_id = ?1").bind(id),
    shard.prepare("SELECT fts_rowid AS rowid, '' AS title FROM cases WHERE id = ?1").bind(id),
  ]);
  return { rows: rows!.results, ftsRowid: kept!.results[0]?.rowid };
}

describe("the case search index (issue 17): each case's FTS row replaced by its rowid", () => {
  it("a new case's FTS row sits at the rowid its cases row keeps, one past the largest", async () => {
    const a = await report(principals.resident, { title: unique("索引甲") });
    const b = await report(principals.resident, { title: unique("索引乙") });
    const [fa, fb] = [await ftsOf(a.id), await ftsOf(b.id)];
    expect(fa.rows.map((r) => r.rowid)).toEqual([fa.ftsRowid]);
    expect(fb.rows.map((r) => r.rowid)).toEqual([fb.ftsRowid]);
    expect(fb.ftsRowid).toBeGreaterThan(fa.ftsRowid!);
  });

  it("finds a case by its new text after an update and not by the old; one row per case; late versions change nothing", async () => {
    const [oldTitle, newTitle, newText] = [unique("旧标题路灯"), unique("新标题井盖"), unique("新描述井盖缺失")];
    const c = await report(principals.resident, { title: oldTitle });
    const verified = await step(principals.gridWorker, c, "verify");
    expect(await found(oldTitle)).toEqual([c.id]);
    const { ftsRowid } = await ftsOf(c.id);

    const s = await snapshot(c.id);
    expect(s.version).toBe(verified.version);
    const db = database(await caseShard(c.id));
    const changed = { ...s, version: s.version + 1, title: newTitle, description: newText };
    await projectCase(db, changed, []);
    expect(await found(newTitle)).toEqual([c.id]);
    expect(await found(newText)).toEqual([c.id]);
    expect(await found(oldTitle)).toEqual([]);
    expect(await ftsOf(c.id)).toEqual({ rows: [{ rowid: ftsRowid, title: newTitle }], ftsRowid });

    // Redelivered, and a late older version: neither adds a row nor brings the old text back.
    await projectCase(db, changed, []);
    await projectCase(db, s, []);
    expect(await ftsOf(c.id)).toEqual({ rows: [{ rowid: ftsRowid, title: newTitle }], ftsRowid });
    expect(await found(oldTitle)).toEqual([]);
    expect(await ftsStrays(c.id)).toBe(0);
  });

  it("a new case never takes the rowid of an FTS row no case holds (one the archive's delete missed)", async () => {
    const first = await report(principals.resident, { title: unique("索引丙") });
    const shard = await caseShard(first.id);
    const stray = (await ftsOf(first.id)).ftsRowid! + 100;
    await shard
      .prepare("INSERT INTO cases_fts (rowid, case_id, title, description) VALUES (?1, 'C-gone', '遗留', '遗留')")
      .bind(stray)
      .run();
    const next = await report(principals.resident, { title: unique("索引丁") });
    const { rows, ftsRowid } = await ftsOf(next.id);
    expect(ftsRowid).toBe(stray + 1);
    expect(rows.map((r) => r.rowid)).toEqual([stray + 1]);
    await shard.prepare("DELETE FROM cases_fts WHERE rowid = ?1").bind(stray).run();
    expect(await ftsStrays(next.id)).toBe(0);
  });
});
