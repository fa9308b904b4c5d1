// The reads of basedata-village.ts over a loaded village, each through the service's public API as its callers
// make it: the exact ID lookup (GET /v1/basedata/people?idNumber=) in the village and across the county (identity
// shard, then the village object), the counts (底数) of the village and of a grid from D1 once the object's alarm
// pushed them, the village's visit plan as its agency and as the worker of one grid, and a resident's search for the
// grid of a door plate (GET /v1/public/addresses). Every answer is checked
// (the person found, the counts non-zero, the plan answered); a wrong answer stops the benchmark, it is never timed.
import type { Principal } from "@civicgrid/contracts";
import { percentiles, type BaseDataSystem } from "./basedata-harness";

const SAMPLE = 300;
const REPEAT = 200;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Village {
  village: string;
  county: string;
  /** Resident ID numbers of the loaded people (ledger order). */
  sample: string[];
  /** Door plates of the loaded addresses as residents type them (road and door number). */
  doorPlates: string[];
  gridCodes: string[];
  people: number;
}

/** Times `n` calls of `route(i)`; each answer must be 200 and pass `check`, else the benchmark stops. */
async function timed(
  system: BaseDataSystem,
  who: Principal,
  n: number,
  route: (i: number) => string,
  check: (body: never, i: number) => boolean,
) {
  const ms: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    const res = await system.call(who, "GET", route(i));
    const body = await res.text();
    ms.push(performance.now() - t);
    if (res.status !== 200 || !check(JSON.parse(body) as never, i))
      throw new Error(`GET ${route(i)} answered ${res.status}: ${body.slice(0, 300)}`);
  }
  return { n, ...percentiles(ms) };
}

/** One answer, which must be 200. */
async function answer<T>(system: BaseDataSystem, who: Principal, route: string): Promise<T> {
  const res = await system.call(who, "GET", route);
  if (res.status !== 200) throw new Error(`GET ${route} answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** Polls `ready` every 250 ms for up to two minutes; answers the seconds it took. */
async function until(what: string, ready: () => Promise<boolean>): Promise<number> {
  const started = performance.now();
  while (!(await ready())) {
    if (performance.now() - started > 120_000) throw new Error(`${what}: not there after 120 s`);
    await sleep(250);
  }
  return +((performance.now() - started) / 1000).toFixed(1);
}

type Hits = { items: { id: string }[] };
type Found = { items: { fullName: string; gridCode: string | null }[] };
type CountsBody = { people?: { total: number }; grids: number };
type PlanBody = { counts: unknown[]; entries: unknown[] };

export async function measureReads(system: BaseDataSystem, v: Village) {
  const villageAgency: Principal = { sub: "bench-village-agency", roles: ["agency"], divisionCode: v.village };
  const countyAgency: Principal = { sub: "bench-county-agency", roles: ["agency"], divisionCode: v.county };
  const grid = v.gridCodes[0]!;
  const worker: Principal = { sub: "bench-worker", roles: ["grid_worker"], divisionCode: v.village, grids: [grid] };
  // A few hundred ID numbers spread over the village's ledger.
  const ids = Array.from(
    { length: Math.min(SAMPLE, v.sample.length) },
    (_, i) => v.sample[Math.floor(i * (v.sample.length / SAMPLE))]!,
  );
  const one = (body: Hits) => body.items.length === 1;
  const search = (scope: string) => (i: number) => `/v1/basedata/people?${scope}&idNumber=${ids[i % ids.length]}`;
  // The object's alarm delivers its outbox after the import (identity entries to the shards, counts to D1), 90 rows
  // a destination per alarm and the next alarm at once while rows are left: timed below as the service does it.
  const target = { ns: "VILLAGE", name: v.village };
  const outbox = (await (await system.bench("outbox", target)).json()) as { destination: string; rows: number }[];
  const delivery = { outboxAfterLoad: Object.fromEntries(outbox.map((o) => [o.destination, o.rows])) };
  const countyScope = `countyCode=${v.county}`;
  const identityPushedSeconds = await until("the identity index", async () => {
    const res = await system.call(countyAgency, "GET", search(countyScope)(ids.length - 1));
    return res.ok && one((await res.json()) as Hits);
  });
  const villageCounts = `/v1/basedata/counts?divisionCode=${v.village}`;
  let counted = 0;
  const countsPushedSeconds = await until("the village's counts", async () => {
    const res = await system.call(villageAgency, "GET", villageCounts);
    counted = res.ok ? (((await res.json()) as CountsBody).people?.total ?? 0) : 0;
    return counted > 0;
  });
  return {
    delivery,
    identityPushedSeconds,
    countsPushedSeconds,
    countedPeople: `${counted} of ${v.people} loaded`,
    idLookupVillageMs: await timed(system, villageAgency, ids.length, search(`villageCode=${v.village}`), one),
    idLookupCountyMs: await timed(system, countyAgency, ids.length, search(countyScope), one),
    countsVillageMs: await timed(
      system,
      villageAgency,
      REPEAT,
      () => villageCounts,
      (b: CountsBody) => b.grids > 0,
    ),
    countsGridMs: await timed(
      system,
      villageAgency,
      REPEAT,
      () => `/v1/basedata/counts?gridCode=${grid}`,
      (b: CountsBody) => (b.people?.total ?? 0) > 0,
    ),
    visitPlan: await visitPlanReads(system, v.village, villageAgency, worker),
    // A resident finding the grid of their door (no login: the principal the harness signs is not read).
    publicAddressSearchMs: await timed(
      system,
      villageAgency,
      Math.min(SAMPLE, v.doorPlates.length),
      (i) => `/v1/public/addresses?villageCode=${v.village}&q=${encodeURIComponent(v.doorPlates[i]!)}`,
      (b: Found, i) => b.items[0]?.fullName === v.doorPlates[i] && (b.items[0]?.gridCode ?? null) !== null,
    ),
  };
}

/**
 * The village's plan as its agency and as the worker of one grid, each timed; a plan the service fails to answer is
 * reported as the failure it is (its error and the server's log line above), with no figures.
 */
async function visitPlanReads(system: BaseDataSystem, village: string, agency: Principal, worker: Principal) {
  const route = `/v1/basedata/visit-plan?villageCode=${village}`;
  let plan: PlanBody;
  let mine: PlanBody;
  try {
    plan = await answer<PlanBody>(system, agency, route);
    mine = await answer<PlanBody>(system, worker, route);
  } catch (error) {
    return { failed: String(error).slice(0, 400) };
  }
  const same = (n: number) => (b: PlanBody) => b.entries.length === n;
  return {
    agencyEntries: plan.entries.length,
    workerEntries: mine.entries.length,
    workerGrid: worker.grids![0],
    agencyMs: await timed(system, agency, REPEAT, () => route, same(plan.entries.length)),
    workerMs: await timed(system, worker, REPEAT, () => route, same(mine.entries.length)),
  };
}

/**
 * The SQLite bytes of all 256 identity shards (shard-00 … shard-ff) as their objects report them, and of one shard
 * never written (its migrated, empty schema: a fixed cost per shard, not per person).
 */
export async function identityBytes(system: BaseDataSystem) {
  const size = async (name: string) =>
    ((await (await system.bench("size", { ns: "IDENTITY", name })).json()) as { bytes: number }).bytes;
  let bytes = 0;
  for (let s = 0; s < 256; s++) bytes += await size(`shard-${s.toString(16).padStart(2, "0")}`);
  return { shards: 256, bytes, emptyShardBytes: await size("bench-empty-shard") };
}
