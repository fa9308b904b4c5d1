import type { KitBindings, KitEnv } from "@civicgrid/http";

export interface Env extends KitBindings {
  DB: D1Database;
  /** civicgrid-registry-events: grid, layout and matter-list changes for the other services. */
  EVENTS: Queue;
  /** civicgrid-registry-events-roster (REGISTRY_TO_ROSTER_QUEUE): grid changes, so the roster covers every grid. */
  ROSTER_EVENTS: Queue;
}

export type AppEnv = KitEnv<Env>;
