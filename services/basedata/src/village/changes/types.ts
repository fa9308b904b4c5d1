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

/** What `check` found against the base as it is inside the transaction: the change's grid and its conflicts. */
export interface Checked {
  gridCode: string | null;
  conflicts: Conflict[];
}

/**
 * One kind of change to the base data, in three steps so that a batch (an import chunk) can run in one transaction:
 * `lookup` is async and runs first, outside any transaction (registry location, identity index, sealing of personal
 * values) and reads nothing of the village's own tables that an earlier change of the batch could still alter;
 * `check` and `apply` are synchronous and run inside the object's transaction, in order, so a change sees the ones
 * before it: `check` answers the grid and the conflicts (or refuses), `apply` writes the records and their field
 * history and returns the record it created or changed. `mask` is the change as answers show it.
 */
export interface ChangeHandler<K extends ChangeKind, L = unknown> {
  lookup(ctx: ChangeContext, change: ChangeOf<K>): Promise<Outcome<L>>;
  check(ctx: ChangeContext, change: ChangeOf<K>, looked: L): Outcome<Checked>;
  apply(ctx: ChangeContext, change: ChangeOf<K>, looked: L, checked: Checked, source: string): { recordId: string };
  mask(change: ChangeOf<K>): Record<string, unknown>;
}
