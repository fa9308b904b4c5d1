import type { BaseDataRpc, RegistryRpc, RosterMediatorsRpc, RosterRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";
import type { CaseDO } from "./do/case-do";
import type { ShardSessions } from "./store/sessions";

export interface Env extends KitBindings {
  /** What is city-wide: request types, dispute rules, leases, platform and visit claims, idempotency keys. */
  DB: D1Database;
  /** Issue 17: each county's read model (`CASES_<first 6 digits>`, generated from infra/shards; store/shards.ts). */
  [shard: `CASES_${string}`]: D1Database;
  CASE: DurableObjectNamespace<CaseDO>;
  NOTIFY_QUEUE: Queue;
  ASSESS_QUEUE: Queue;
  INTEG_QUEUE: Queue;
  REGISTRY: Fetcher & RegistryRpc;
  ROSTER: Fetcher & RosterRpc & RosterMediatorsRpc;
  /** Disputes: parties from base data (their record, grid, open tags). */
  BASEDATA: Fetcher & BaseDataRpc;
  /** Seals a named dispute party's ID number and phone (base64 of 32 bytes; `@civicgrid/http/pii`). */
  PII_KEY: string;
  /** Issue 16 media: photos, videos and documents of cases (originals and their public copies without metadata). */
  MEDIA: R2Bucket;
  /** Issue 17 archive: the exports of archived cases (the final view and the full event log), one JSON each. */
  ARCHIVE: R2Bucket;
  /** Days a terminal case stays hot after its last change (default 90); 0 archives every quiet terminal case. */
  ARCHIVE_AFTER_DAYS?: string;
  /** Cases archived per read-model database in one run (default 500). */
  ARCHIVE_CHUNK?: string;
}

/** `shards`: the request's read-model sessions (bookmarks in, latest bookmarks out; read-models.ts). */
export type AppEnv = KitEnv<Env, { shards: ShardSessions }>;

/** The Durable Object of one case. */
export function caseStub(env: Env, caseId: string) {
  return env.CASE.get(env.CASE.idFromName(caseId));
}
