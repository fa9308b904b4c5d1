import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";

/**
 * One shard of the identity index: keyed hashes (of ID numbers, phones, credit codes) → the village and record that
 * hold them, so an exact lookup or a duplicate check across villages reads one shard instead of every village.
 * Sharded by the hash's first two hex digits (256 shards). Its tables and methods come with the people's records.
 */
export class IdentityShardDO extends DurableObject<Env> {}
