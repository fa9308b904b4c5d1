import type { CasesBaseDataRpc, RegistryRpc, RosterRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";
import type { IdentityShardDO } from "./identity/identity-shard-do";
import type { VillageDO } from "./village/village-do";

export interface Env extends KitBindings {
  DB: D1Database;
  VILLAGE: DurableObjectNamespace<VillageDO>;
  IDENTITY: DurableObjectNamespace<IdentityShardDO>;
  IMPORTS: R2Bucket;
  IMPORT_QUEUE: Queue;
  ASSESS_QUEUE: Queue;
  NOTIFY_QUEUE: Queue;
  REGISTRY_QUEUE: Queue;
  REGISTRY: Fetcher & RegistryRpc;
  ROSTER: Fetcher & RosterRpc;
  CASES: Fetcher & CasesBaseDataRpc;
  /** base64 of a 32-byte key: ID numbers, phones and submitted changes are sealed with it at rest. */
  PII_KEY: string;
}

export type AppEnv = KitEnv<Env>;

/**
 * The village object's methods as it declares them. Workers RPC maps answers through its serialisable types, which
 * turn the `Record<string, unknown>` of a masked change into `unknown`; the answers are plain JSON-like values.
 */
export type VillageRpc = {
  [K in keyof VillageDO]: VillageDO[K] extends (...args: infer A) => infer R
    ? (...args: A) => Promise<Awaited<R>>
    : never;
};

/** The object that keeps a village's base data, by its 12-digit division code. */
export function villageStub(env: Env, villageCode: string): VillageRpc {
  return env.VILLAGE.get(env.VILLAGE.idFromName(villageCode)) as unknown as VillageRpc;
}
