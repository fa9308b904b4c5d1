// Benchmark (not a test): the identity index of a county of 1,000,000 people. Keyed hashes of 1,000,000 valid ID
// numbers fall into 256 shards by their first two hex digits (identity/client.ts shardOf); the ~3,900 of one shard
// go into that shard object through its RPC (put, batches of 100 as a village's outbox delivers them) and are looked
// up (find: half known, half unknown hashes). Alongside, the shard's table and query on SQLite in Node at the county's
// and at a province's (100 million) size per shard. Prints throughput, p50/p99 and sizes, and the projection. The
// end-to-end ID lookup (GET /v1/basedata/people?idNumber=: shard, then the village object) is in basedata-village.
// Run: npm run bench -- basedata-identity      (or: npx tsx infra/bench/basedata-identity.ts)
import { createHmac, createSecretKey } from "node:crypto";
import { idCheckDigit } from "@civicgrid/contracts";
import { generateCity } from "@civicgrid/demo-data";
import { machine, percentiles, startBaseData } from "./basedata-harness";
import { shardOnSqlite, type Entry } from "./basedata-identity-sqlite";

const PEOPLE = 1_000_000;
const SHARDS = 256;
const BATCH = 100;
const LOOKUPS = 2_000;

// A fixed benchmark key (same shards every run): which shard a hash falls in depends only on the HMAC output.
const key = createSecretKey(Buffer.from("civicgrid-basedata-benchmark-key-0000", "utf8"));
const hashOf = (text: string) => createHmac("sha256", key).update(text).digest("hex");
const births = Array.from({ length: 32_850 }, (_, d) =>
  new Date(Date.UTC(1935, 0, 1) + d * 86_400_000).toISOString().slice(0, 10).replaceAll("-", ""),
);
/** The i-th valid ID number of the county: 蓬江 440703, birth dates over 90 years, sequence and check digit. */
function idNumber(i: number): string {
  const first17 = `440703${births[i % births.length]}${String(Math.floor(i / births.length)).padStart(3, "0")}`;
  return first17 + idCheckDigit(first17);
}
const village = (i: number) => `440703${String(1 + (i % 300)).padStart(6, "0")}`;
const person = (i: number) => `pe-${village(i)}-${String(1 + Math.floor(i / 300)).padStart(6, "0")}`;

console.log(`on ${machine()}`);
const t0 = performance.now();
const perShard = new Map<string, number>();
const shard: Entry[] = [];
const unknown: string[] = [];
for (let i = 0; i < PEOPLE + 100_000; i++) {
  const hash = hashOf(idNumber(i));
  const prefix = hash.slice(0, 2);
  if (i < PEOPLE) perShard.set(prefix, (perShard.get(prefix) ?? 0) + 1);
  if (prefix !== "00") continue;
  if (i < PEOPLE) shard.push({ kind: "id", hash, recordId: person(i), villageCode: village(i) });
  else unknown.push(hash);
}
const sizes = [...perShard.values()];
console.log(
  `${PEOPLE.toLocaleString()} ID hashes in ${Math.round(performance.now() - t0)} ms: ${perShard.size} shards of ` +
    `${Math.min(...sizes)}-${Math.max(...sizes)} entries; shard-00 holds ${shard.length}`,
);
const lookups = Array.from({ length: LOOKUPS }, (_, n) => ({
  kind: "id",
  hash: n % 2 === 0 ? shard[(n * 7919) % shard.length]!.hash : unknown[n % unknown.length]!,
}));
const mb = (b: number) => Math.round((b / 1e6) * 10) / 10;

const system = await startBaseData(generateCity().grids.slice(0, 1));
try {
  // (a) Through the shard object's RPC, as the service's identity client calls it.
  const target = { ns: "IDENTITY", name: "shard-00" };
  const putMs: number[] = [];
  let applied = 0;
  const started = performance.now();
  for (let b = 0; b < shard.length; b += BATCH) {
    const updates = shard.slice(b, b + BATCH).map((e) => ({ ...e, active: true, changedAt: Date.now() }));
    const t = performance.now();
    const res = await system.bench("identity/put", target, { updates });
    if (!res.ok) throw new Error(`IdentityShardDO.put answered ${res.status}: ${(await res.text()).split("\n")[0]}`);
    applied += ((await res.json()) as { applied: number }).applied;
    putMs.push(performance.now() - t);
  }
  if (applied !== shard.length) throw new Error(`put applied ${applied} of ${shard.length} entries`);
  const putSeconds = (performance.now() - started) / 1000;
  const findMs: number[] = [];
  let hits = 0;
  for (const l of lookups) {
    const t = performance.now();
    hits += ((await (await system.bench("identity/find", target, l)).json()) as unknown[]).length > 0 ? 1 : 0;
    findMs.push(performance.now() - t);
  }
  if (hits !== LOOKUPS / 2) throw new Error(`find answered ${hits} of ${LOOKUPS / 2} known numbers`);
  const { bytes } = (await (await system.bench("size", target)).json()) as { bytes: number };
  console.log(
    JSON.stringify({
      path: "HTTP → worker → IdentityShardDO RPC (local workerd)",
      put: `${applied} entries in ${putMs.length} calls of ${BATCH}, ${Math.round(applied / putSeconds)}/s`,
      putBatchMs: percentiles(putMs),
      findMs: percentiles(findMs),
      findHits: `${hits}/${LOOKUPS} (half the lookups are of numbers not in the county)`,
      shardSqliteBytes: bytes,
    }),
  );
  console.log(`after: ${machine()}`);
} finally {
  await system.stop();
}

// (b) The shard's table and find query on SQLite: a county's shard (ID, phone and name entries, ×3), and a
// province's (100 million people: ~390,000 people a shard, ×3 kinds).
for (const [label, people] of [
  ["county shard (1,000,000 people / 256)", shard.length],
  ["province shard (100,000,000 people / 256)", Math.round(100_000_000 / SHARDS)],
] as const) {
  const entries: Entry[] = [];
  for (let i = 0; entries.length < people * 3; i++)
    for (const kind of ["id", "phone", "name"] as const)
      entries.push({
        kind,
        hash: i < shard.length && kind === "id" ? shard[i]!.hash : hashOf(`${kind}${i}`),
        recordId: person(i),
        villageCode: village(i),
      });
  const r = shardOnSqlite(entries, lookups);
  console.log(`${label}: ${JSON.stringify({ ...r, mb: mb(r.bytes) })}`);
  if (label.startsWith("county"))
    console.log(
      `county projection: ${SHARDS} shards × ${mb(r.bytes)} MB = ${mb(r.bytes * SHARDS)} MB of identity index`,
    );
}
