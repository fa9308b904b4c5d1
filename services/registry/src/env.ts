import type { KitBindings, KitEnv } from "@civicgrid/http";

export interface Env extends KitBindings {
  DB: D1Database;
  EVENTS: Queue;
}

export type AppEnv = KitEnv<Env>;
