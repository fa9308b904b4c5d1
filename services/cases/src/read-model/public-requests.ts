import { CaseStatus, type PublicCaseQuery, type PublicCaseRecord } from "@civicgrid/contracts";
import { OPEN_STATUSES } from "../domain";
import { validationError } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import { caseStub, type Env } from "../env";
import { archivedKey } from "../archive/store";
import { countyShard } from "../read-models";
import { publicRow, publicRows, type PublicRow } from "../store/public-requests";
import { ShardSessions } from "../store/sessions";
import { readModels } from "../store/shards";
import { publicRecordOf, scrubbedRecord } from "./public-record";

/** Open311's "open": the case is still being worked on; everything else (closed, rated, archived, invalid, merged) is closed. */
const CLOSED_STATUSES = CaseStatus.options.filter((s) => !OPEN_STATUSES.includes(s));
const MAX_LIMIT = 1000;

const Instant = z.iso.datetime({ offset: true });
const Query = z.object({
  countyCode: z.string().regex(/^\d{6}000000$/, "must be a county code like 440703000000"),
  ids: z.array(z.string().min(1).max(64)).max(MAX_LIMIT).optional(),
  categoryCode: z.string().min(1).max(32).optional(),
  start: Instant.optional(),
  end: Instant.optional(),
  status: z.array(z.enum(["open", "closed"])).optional(),
  limit: z
    .number()
    .int()
    .min(1)
    .transform((n) => Math.min(n, MAX_LIMIT)),
});

/** A row's public record; rows projected before the column existed are read from the case's DO (the authority). */
async function recordOf(env: Env, row: PublicRow): Promise<PublicCaseRecord | null> {
  if (row.public) return scrubbedRecord(JSON.parse(row.public) as PublicCaseRecord);
  const state = await caseStub(env, row.id).snapshot();
  return state ? publicRecordOf(state) : null;
}

/**
 * One case's public record: its id does not name its county, so every shard is asked at once (one key each). Public
 * reads carry no bookmark: any replica answers (a D1 session "first-unconstrained").
 */
export async function publicRequest(env: Env, caseId: string): Promise<PublicCaseRecord | null> {
  const sessions = new ShardSessions();
  const models = readModels(env);
  const row = (await Promise.all(models.map((m) => publicRow(sessions.db(m), caseId)))).find((r) => r !== undefined);
  if (row) return recordOf(env, row);
  // Issue 17: an archived case left the hot tables; its DO (the authority) still answers.
  const keys = await Promise.all(models.map((m) => archivedKey(sessions.db(m), caseId)));
  if (!keys.some(Boolean)) return null;
  const state = await caseStub(env, caseId).snapshot();
  return state ? publicRecordOf(state) : null;
}

/** A county's public requests, newest report first, filtered as Open311 asks (ids, category, report time, open/closed). */
export async function publicRequests(env: Env, raw: PublicCaseQuery): Promise<PublicCaseRecord[]> {
  const parsed = Query.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, "query");
  const q = parsed.data;
  const wanted = new Set(q.status ?? []);
  const statuses = wanted.size === 1 ? (wanted.has("open") ? OPEN_STATUSES : CLOSED_STATUSES) : undefined;
  // Stored instants are UTC toISOString() text, so bounds normalised the same way compare correctly as text.
  const shard = countyShard(env, q.countyCode, "query.countyCode");
  const results = await publicRows(new ShardSessions().db(shard), {
    countyCode: q.countyCode,
    ids: q.ids,
    categoryCode: q.categoryCode,
    statuses,
    limit: q.limit,
    start: q.start ? new Date(q.start).toISOString() : undefined,
    end: q.end ? new Date(q.end).toISOString() : undefined,
  });
  const records = await Promise.all(results.map((r) => recordOf(env, r)));
  return records.filter((r): r is PublicCaseRecord => r !== null);
}
