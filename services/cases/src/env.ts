import type { BaseDataRpc, RegistryRpc, RosterMediatorsRpc, RosterRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";
import type { CaseDO } from "./do/case-do";

export interface Env extends KitBindings {
  DB: D1Database;
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

export type AppEnv = KitEnv<Env>;

/** The Durable Object of one case. */
export function caseStub(env: Env, caseId: string) {
  return env.CASE.get(env.CASE.idFromName(caseId));
}
