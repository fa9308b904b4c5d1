import type { RegistryRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";
import type { FactsBindings } from "./store/shards";

/** `DB`: the city-wide tables; `FACTS_<county>`: each county's event facts (store/shards.ts). */
export interface Env extends KitBindings, FactsBindings {
  DB: D1Database;
  /** The registry over RPC: where patrol points fall (locateMany). */
  REGISTRY: Fetcher & Pick<RegistryRpc, "locateMany">;
  /** Seconds between two rollups of one day on a shard from the consumers (rollups.ts rollupSoon); default 30. */
  ROLLUP_EVERY_S?: string;
}

export type AppEnv = KitEnv<Env>;
