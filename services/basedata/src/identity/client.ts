import type { Env } from "../env";
import type { IdentityEntry, IdentityKind, IdentityUpdate } from "./identity-shard-do";

/** The shard of a keyed hash (hex): its first two digits, 256 shards. */
export function shardOf(hash: string): string {
  return `shard-${hash.slice(0, 2)}`;
}

function shard(env: Env, hash: string) {
  return env.IDENTITY.get(env.IDENTITY.idFromName(shardOf(hash)));
}

/** Every record across villages that holds this hash (active first). */
export function lookupIdentity(env: Env, kind: IdentityKind, hash: string): Promise<IdentityEntry[]> {
  return shard(env, hash).find(kind, hash);
}

/** Sends updates to their shards (grouped, one call per shard). */
export async function putIdentities(env: Env, updates: readonly IdentityUpdate[]): Promise<void> {
  const byShard = new Map<string, IdentityUpdate[]>();
  for (const u of updates) byShard.set(shardOf(u.hash), [...(byShard.get(shardOf(u.hash)) ?? []), u]);
  await Promise.all([...byShard.values()].map((list) => shard(env, list[0]!.hash).put(list)));
}
