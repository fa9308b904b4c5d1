import type { KitBindings, KitEnv } from "@civicgrid/http";

export interface Env extends KitBindings {
  DB: D1Database;
}

export type AppEnv = KitEnv<Env>;
