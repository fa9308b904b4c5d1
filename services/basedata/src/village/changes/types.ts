import type { ChangeKind, ChangeOf, Conflict } from "@civicgrid/contracts";
import type { PiiKeys } from "@civicgrid/http/pii";
import type { Actor } from "../../domain/actor";
import type { Outcome } from "../../domain/refusal";
import type { Env } from "../../env";
import type { VillageDb } from "../db";

/** What a change handler works with: the village's SQLite, who acts, when, and the runtime for lookups. */
export interface ChangeContext {
  db: VillageDb;
  villageCode: string;
  actor: Actor;
  now: Date;
  env: Env;
  keys: PiiKeys;
}

/** What `prepare` found: the grid of the change, the conflicts to show, and data computed ahead (sealed values…). */
export interface Prepared<D = Record<string, unknown>> {
  gridCode: string | null;
  conflicts: Conflict[];
  data: D;
}

/**
 * One kind of change to the base data. `prepare` runs before anything is written (registry lookups, identity
 * index, encryption, conflicts) and may refuse; `apply` runs inside the object's transaction, writes the records
 * and their field history, and returns the record it created or changed; `mask` is the change as answers show it.
 */
export interface ChangeHandler<K extends ChangeKind, D = Record<string, unknown>> {
  prepare(ctx: ChangeContext, change: ChangeOf<K>): Promise<Outcome<Prepared<D>>>;
  apply(ctx: ChangeContext, change: ChangeOf<K>, prepared: Prepared<D>, source: string): { recordId: string };
  mask(change: ChangeOf<K>): Record<string, unknown>;
}
