// The mixed workload (case reports, verifies with If-Match, reads) and its two drivers: a closed loop for
// the capacity probe and a fixed-interval pacer for held load. Every acknowledged write is recorded.
import { call, pick, type Answer, type Phase, type Pools } from "./soak-http";

export interface Ack {
  id: string;
  version: number;
  kind: "report" | "verify";
}

export interface Workload {
  origin: string;
  pools: Pools;
  lng: number;
  lat: number;
  grid: string;
  /** The highest acknowledged version of every case the system said it stored. */
  acked: Map<string, Ack>;
  /** Reported cases not verified yet, with the version last answered (for If-Match). */
  unverified: { id: string; version: number }[];
  /** Every case reported, for reads of one case by id. */
  reported: string[];
  /** Reads only (no new cases, so no new Durable Objects): the memory phase, or SOAK_READS_ONLY=1 for all. */
  readsOnly: boolean;
}

let serial = 0;
const CATEGORIES = ["0802", "0301", "0801"];

function ack(w: Workload, a: Answer, kind: Ack["kind"]): void {
  const id = a.json.id;
  const version = a.json.version;
  if (typeof id !== "string" || typeof version !== "number") return;
  const seen = w.acked.get(id);
  if (!seen || seen.version < version) w.acked.set(id, { id, version, kind });
}

export async function report(w: Workload, as: string, phase?: Phase): Promise<Answer> {
  const i = serial++;
  const body = {
    title: `压测上报 ${i}`,
    description: `负载与故障测试：网格内第 ${i} 条隐患上报`,
    categoryCode: CATEGORIES[i % 3],
    lng: w.lng,
    lat: w.lat,
  };
  const t = performance.now();
  const a = await call(w.origin, "/v1/cases", {
    as,
    body,
    headers: { "idempotency-key": `soak-${crypto.randomUUID()}` },
  });
  phase?.record(a, performance.now() - t, "report");
  if (a.status === 201 || a.status === 200) {
    ack(w, a, "report");
    w.reported.push(a.json.id as string);
    w.unverified.push({ id: a.json.id as string, version: a.json.version as number });
  }
  return a;
}

async function verify(w: Workload, as: string, c: { id: string; version: number }, phase: Phase): Promise<Answer> {
  const t = performance.now();
  const a = await call(w.origin, `/v1/cases/${c.id}/verify`, {
    as,
    body: { note: "压测核实" },
    headers: { "if-match": `"v${c.version}"`, "idempotency-key": `soak-${crypto.randomUUID()}` },
  });
  phase.record(a, performance.now() - t, "verify");
  if (a.status === 200) ack(w, a, "verify");
  return a;
}

async function timedGet(
  w: Workload,
  path: string,
  as: string | undefined,
  phase: Phase,
  label: string,
): Promise<Answer> {
  const t = performance.now();
  const a = await call(w.origin, path, { as });
  phase.record(a, performance.now() - t, label);
  return a;
}

/**
 * One request of the mix: 25% reports, 10% verifies, 25% case lists, 10% public disclosure, 30% point
 * lookups. When the pool a kind needs is busy (rate limit pacing), the request becomes a lookup, whose
 * pool (every agency of the city) is the largest; when even that is busy it waits for the next slot.
 * Reads only: a quarter reads one reported case by id (its existing Durable Object), the rest are the mix's reads.
 */
export async function one(w: Workload, phase: Phase): Promise<void> {
  if (w.readsOnly && w.reported.length > 0 && Math.random() < 0.25) {
    const as = pick(w.pools.scoped);
    // SOAK_READ_SET: read only the latest N cases by id (a working set already resident in workerd), else any.
    const set = Math.min(
      w.reported.length,
      Number(process.env.SOAK_READ_SET ?? w.reported.length) || w.reported.length,
    );
    const id = w.reported[w.reported.length - 1 - Math.floor(Math.random() * set)];
    if (as) return void (await timedGet(w, `/v1/cases/${id}`, as, phase, "case"));
  }
  const r = w.readsOnly ? 0.35 + Math.random() * 0.65 : Math.random();
  if (r < 0.25) {
    const as = pick(w.pools.reporters);
    if (as) return void (await report(w, as, phase));
  } else if (r < 0.35 && w.unverified.length > 0) {
    const as = pick(w.pools.verifiers);
    if (as) return void (await verify(w, as, w.unverified.shift()!, phase));
  } else if (r < 0.6) {
    const as = pick(w.pools.scoped);
    if (as) return void (await timedGet(w, "/v1/cases?limit=20", as, phase, "list"));
  } else if (r < 0.7) {
    // Public routes are limited by client address: one caller for the whole soak.
    const as = pick(["public"]);
    if (as) return void (await timedGet(w, `/v1/public/grids/${w.grid}`, undefined, phase, "public"));
  }
  const as = pick(w.pools.agencies, 1000);
  if (!as) return void phase.dropped++;
  await timedGet(w, `/v1/lookup?lng=${w.lng}&lat=${w.lat}`, as, phase, "lookup");
}

/** Closed loop: `concurrency` callers, each sending its next request when the last is answered. */
export async function closedLoop(w: Workload, phase: Phase, concurrency: number, seconds: number): Promise<Phase> {
  const until = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) await one(w, phase);
    }),
  );
  return phase.end();
}

/**
 * Paced: one request every 1000/rate ms, whatever the answers do (a fixed interval, not a closed loop),
 * bounded by `maxInFlight` so a stalled server cannot make the generator pile up requests without end.
 */
export async function paced(
  w: Workload,
  phase: Phase,
  rate: number,
  seconds: number,
  maxInFlight = 64,
  onTick?: (elapsed: number) => void,
): Promise<Phase> {
  const interval = 1000 / rate;
  const start = performance.now();
  const inFlight = new Set<Promise<void>>();
  for (let n = 0; ; n++) {
    const due = start + n * interval;
    if (due - start >= seconds * 1000) break;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    onTick?.(performance.now() - start);
    if (inFlight.size >= maxInFlight) {
      phase.dropped++;
      continue;
    }
    const p: Promise<void> = one(w, phase).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return phase.end();
}
