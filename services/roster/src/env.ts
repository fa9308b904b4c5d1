import type { KitBindings, KitEnv } from "@civicgrid/http";

export interface Env extends KitBindings {
  DB: D1Database;
  /** roster → registry: grid-servers snapshots for the public disclosure. */
  EVENTS: Queue;
  /** base64 of a 32-byte AES-GCM key that encrypts ID numbers and private phones at rest. */
  PII_KEY: string;
}

export type AppEnv = KitEnv<Env>;
