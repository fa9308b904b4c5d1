import type { KitBindings, KitEnv } from "@civicgrid/http";

export interface Env extends KitBindings {
  DB: D1Database;
  /** civicgrid-registry-events: grid, layout and matter-list changes for the other services. */
  EVENTS: Queue;
}

export type AppEnv = KitEnv<Env>;
