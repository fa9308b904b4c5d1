import type { PublicCaseQuery, PublicCaseRecord } from "@civicgrid/contracts";
import { validationError } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import { caseStub, type Env } from "../env";
import { publicRecordOf, scrubbedRecord } from "./public-record";

/** Open311's "open": the case is still being worked on; everything else (closed, rated, archived, invalid, merged) is closed. */
const OPEN_STATUSES = ["reported", "verified", "accepted", "dispatched", "signed", "handled"];
const CLOSED_STATUSES = ["closed", "rated", "archived", "invalid", "merged"];
const MAX_LIMIT = 1000;

const Instant = z.iso.datetime({ offset: true });
const Query = z.object({
  countyCode: z.string().regex(/^\d{6}000000$/, "must be a county code like 440703000000"),
  ids: z.array(z.string().min(1).max(64)).max(MAX_LIMIT).optional(),
  categoryCode: z.string().min(1).max(32).optional(),
  start: Instant.optional(),
  end: Instant.optional(),
  status: z.array(z.enum(["open", "closed"])).optional(),
  limit: z.number().int().min(1).transform((n) => Math.min(n, MAX_LIMIT)),
});

type Row = { id: string; public: string | null };

/** A row's public record; rows projected before the column existed are read from the case's DO (the authority). */
async function recordOf(env: Env, row: Row): Promise<PublicCaseRecord | null> {
  if (row.public) return scrubbedRecord(JSON.parse(row.public) as PublicCaseRecord);
  const state = await caseStub(env, row.id).snapshot();
  return state ? publicRecordOf(state) : null;
}

export async function publicRequest(env: Env, caseId: string): Promise<PublicCaseRecord | null> {
  const row = await env.DB.prepare("SELECT id, public FROM cases WHERE id = ?1").bind(caseId).first<Row>();
  return row ? recordOf(env, row) : null;
}

/** A county's public requests, newest report first, filtered as Open311 asks (ids, category, report time, open/closed). */
export async function publicRequests(env: Env, raw: PublicCaseQuery): Promise<PublicCaseRecord[]> {
  const parsed = Query.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, "query");
  const q = parsed.data;
  const where = ["county_code = ?"];
  const args: (string | number)[] = [q.countyCode];
  // One JSON parameter for the ids: D1 binds at most 100 parameters per statement.
  if (q.ids) { where.push("id IN (SELECT value FROM json_each(?))"); args.push(JSON.stringify(q.ids)); }
  if (q.categoryCode) { where.push("category_code = ?"); args.push(q.categoryCode); }
  // Stored instants are UTC toISOString() text, so bounds normalised the same way compare correctly as text.
  if (q.start) { where.push("created_at >= ?"); args.push(new Date(q.start).toISOString()); }
  if (q.end) { where.push("created_at <= ?"); args.push(new Date(q.end).toISOString()); }
  const wanted = new Set(q.status ?? []);
  if (wanted.size === 1) {
    const statuses = wanted.has("open") ? OPEN_STATUSES : CLOSED_STATUSES;
    where.push(`status IN (${statuses.map(() => "?").join(", ")})`);
    args.push(...statuses);
  }
  const { results } = await env.DB.prepare(`SELECT id, public FROM cases WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`)
    .bind(...args, q.limit)
    .all<Row>();
  const records = await Promise.all(results.map((r) => recordOf(env, r)));
  return records.filter((r): r is PublicCaseRecord => r !== null);
}
