import type { RegistryRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";

export interface Env extends KitBindings {
  DB: D1Database;
  /** The registry over RPC: where patrol points fall (locateMany). */
  REGISTRY: Fetcher & Pick<RegistryRpc, "locateMany">;
}

export type AppEnv = KitEnv<Env>;
