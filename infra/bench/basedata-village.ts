// Benchmark (not a test): one village object loaded with a real-scale village (~3,300 people, its grids' facts) of
// the demo base data, through the service's public API (POST /v1/basedata/submissions, an agency verifying at once,
// one change after another in ledger order, as an import or a clerk would), then its SQLite size, the workerd memory,
// and — where the service answers them — counts per grid and the village's visit plan. Projects a county of
// 1,000,000 people (about 300 such villages). A change kind with no handler yet is reported pending, never faked.
// Run: npm run bench -- basedata-village      (or: npx tsx infra/bench/basedata-village.ts [villageCode])
import { generateBaseData, generateCity } from "@civicgrid/demo-data";
import type { Change } from "@civicgrid/contracts";
import { machine, percentiles, startBaseData } from "./basedata-harness";

/** Routes other parts of the service are building; measured once the service's OpenAPI document lists them. */
const COUNTS_ROUTE = "/v1/basedata/counts";
const PLAN_ROUTE = "/v1/basedata/visit-plans";
const COUNTY_PEOPLE = 1_000_000;

const city = generateCity();
const township = "440703002000";
// The village whose grids' facts come closest to 3,300 people, unless named.
const candidates = city.divisions.filter((d) => d.parentCode === township);
const population = (code: string) =>
  city.grids.filter((g) => g.villageCode === code).reduce((n, g) => n + g.population, 0);
const village =
  process.argv[2] ??
  candidates.map((v) => v.code).sort((a, b) => Math.abs(population(a) - 3300) - Math.abs(population(b) - 3300))[0]!;
const t0 = performance.now();
const data = generateBaseData(city, { townshipCode: township, villageCodes: [village], householdsPerGrid: "facts" });
const ledger = data.ledgers[0]!;
console.log(
  `village ${village}: ${data.counts.people} people, ${data.counts.households} households, ${data.counts.addresses} ` +
    `addresses, ${data.counts.houses} houses, ${data.counts.units} units, ${data.counts.tags} tags, ` +
    `${ledger.changes.length} changes (generated in ${Math.round(performance.now() - t0)} ms)`,
);

console.log(`on ${machine()}`);
const system = await startBaseData(city.grids.filter((g) => g.countyCode === "440703000000"));
const agency = { sub: "bench-agency", roles: ["agency" as const], divisionCode: village };
try {
  const rssBefore = system.workerdRssMb();
  const byKind = new Map<string, { ms: number[]; refused: number; pending: string | null }>();
  // Dependent kinds wait on what they name: a house needs its address, a person a house, a tag a person.
  const needs: Record<string, string[]> = {
    "house.upsert": ["address.create"],
    "unit.create": ["address.create"],
    "person.register": ["house.upsert"],
    "tag.add": ["person.register"],
  };
  const started = performance.now();
  for (const change of ledger.changes as Change[]) {
    const stats = byKind.get(change.kind) ?? { ms: [], refused: 0, pending: null };
    byKind.set(change.kind, stats);
    const blocked = (needs[change.kind] ?? []).find((k) => byKind.get(k)?.pending);
    if (stats.pending || blocked) {
      stats.pending ??= `waits for ${blocked}`;
      continue;
    }
    const t = performance.now();
    const res = await system.call(agency, "POST", "/v1/basedata/submissions", {
      villageCode: village,
      change,
      verifyNow: true,
    });
    const body = await res.text();
    if (res.status === 422 && body.includes("not supported yet")) stats.pending = `handler of ${change.kind}`;
    else if (res.status !== 201) {
      stats.refused++;
      if (stats.refused <= 3) console.log(`refused ${res.status} ${change.kind}: ${body.slice(0, 300)}`);
    } else stats.ms.push(performance.now() - t);
  }
  const loadMs = performance.now() - started;
  const applied = [...byKind.values()].reduce((n, s) => n + s.ms.length, 0);
  for (const [kind, s] of byKind)
    console.log(
      s.pending
        ? `${kind}: pending (${s.pending})`
        : `${kind}: ${s.ms.length} applied, ${s.refused} refused, per submission ms ${JSON.stringify(percentiles(s.ms))}`,
    );
  console.log(`after the load: ${machine()}`);
  const size = (await (await system.bench("size", { ns: "VILLAGE", name: village })).json()) as { bytes: number };
  const rssAfter = system.workerdRssMb();
  console.log(
    JSON.stringify({
      village,
      changesApplied: applied,
      loadSeconds: Math.round(loadMs / 100) / 10,
      submissionsPerSecond: Math.round((applied / loadMs) * 1000),
      sqliteBytes: size.bytes,
      sqliteBytesPerAppliedChange: Math.round(size.bytes / Math.max(1, applied)),
      workerdRssMbBefore: Math.round(rssBefore),
      workerdRssMbAfter: Math.round(rssAfter),
    }),
  );
  const peoplePending = byKind.get("person.register")?.pending;
  const perVillage = data.counts.people;
  const villages = Math.ceil(COUNTY_PEOPLE / perVillage);
  console.log(
    `county projection (${COUNTY_PEOPLE.toLocaleString()} people = ${villages} villages like this one, each its own ` +
      `object loading in parallel): ${
        peoplePending
          ? `pending (${peoplePending}); addresses alone: ${Math.round(applied * villages).toLocaleString()} ` +
            `submissions, ${Math.round(((size.bytes * villages) / 1e9) * 100) / 100} GB across the objects`
          : `${Math.round(((size.bytes * villages) / 1e9) * 100) / 100} GB across the objects, ` +
            `${Math.round(loadMs / 1000)} s per village object`
      }`,
  );

  // (3) counts per grid and (4) the village's visit plan, through the service's routes once they exist.
  for (const [what, route, query] of [
    ["counts per grid", COUNTS_ROUTE, `?gridCode=${ledger.gridCodes[0]}`],
    ["visit plan of the village", PLAN_ROUTE, `?villageCode=${village}`],
  ] as const) {
    const missing = [
      ...(system.routes.has(route) ? [] : [`GET ${route}`]),
      ...(peoplePending ? [`people loaded (${peoplePending})`] : []),
    ];
    if (missing.length) {
      console.log(`${what}: pending: ${missing.join("; ")}`);
      continue;
    }
    const ms: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      const res = await system.call(agency, "GET", route + query);
      await res.arrayBuffer();
      if (res.ok) ms.push(performance.now() - t);
    }
    console.log(`${what}: GET ${route}${query} ms ${JSON.stringify(percentiles(ms))} (${ms.length}/50 answered)`);
  }
} finally {
  await system.stop();
}
