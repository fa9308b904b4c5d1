// Benchmark (not a test): one village object loaded with a real-scale village (~3,300 people, its grids' facts) of
// the demo base data through the service's own import path — the village's CSV ledgers (addresses → houses → units →
// people with their tags, packages/demo-data ledgerFiles) uploaded by the village agency to POST /v1/basedata/imports
// and polled until applied, as infra/local/basedata-demo.mjs loads the dev system — then its SQLite size per person,
// the workerd memory, and the reads the issue names (ID lookup, counts, the visit plan: basedata-village-reads.ts).
// Projects a county of 1,000,000 people (about 300 such villages) from what was measured, printing the arithmetic.
// Run: npm run bench -- basedata-village      (or: npx tsx infra/bench/basedata-village.ts [villageCode])
import type { Principal } from "@civicgrid/contracts";
import { generateBaseData, generateCity, ledgerFiles, type LedgerFile, type VillageLedger } from "@civicgrid/demo-data";
import { machine, startBaseData, type BaseDataSystem } from "./basedata-harness";
import { identityBytes, measureReads } from "./basedata-village-reads";

const COUNTY = "440703000000";
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
const files = ledgerFiles(data, "village");
const c = data.counts;
console.log(
  `village ${village}: ${c.people} people, ${c.households} households, ${c.addresses} addresses, ${c.houses} houses, ` +
    `${c.units} units, ${c.tags} tags; ledgers ${files.map((f) => `${f.kind} ${f.rows} rows`).join(", ")} ` +
    `(generated in ${Math.round(performance.now() - t0)} ms)`,
);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Every door number of a ledger as a resident types it: its road's name and its own (建设路12号). */
function doorPlatesOf(ledger: VillageLedger): string[] {
  const roads = new Map<string, string>();
  const plates: string[] = [];
  ledger.changes.forEach((ch, i) => {
    if (ch.kind !== "address.create") return;
    if (ch.level === "road") roads.set(ledger.recordIds[i]!, ch.name);
    if (ch.level === "door" && ch.parentId && roads.has(ch.parentId))
      plates.push(`${roads.get(ch.parentId)}${ch.name}`);
  });
  return plates;
}
interface ImportView {
  id: string;
  status: string;
  rows: number;
  appliedRows: number;
  chunks: number;
  errors: unknown[];
  createdAt: string;
  finishedAt: string | null;
}

/** One ledger uploaded and polled (every 100 ms) until applied; its rows/s by the service's own clock. */
async function importLedger(system: BaseDataSystem, agency: Principal, file: LedgerFile) {
  const q = new URLSearchParams({ kind: file.kind, villageCode: file.divisionCode, fileName: file.fileName });
  const started = performance.now();
  const posted = await system.upload(agency, `/v1/basedata/imports?${q}`, file.csv);
  if (posted.status !== 202) throw new Error(`${file.fileName}: ${posted.status} ${await posted.text()}`);
  let view = (await posted.json()) as ImportView;
  while (view.status === "validating" || view.status === "applying") {
    await sleep(100);
    view = (await (await system.call(agency, "GET", `/v1/basedata/imports/${view.id}`)).json()) as ImportView;
  }
  if (view.status !== "applied")
    throw new Error(`${file.fileName} ${view.status}: ${JSON.stringify(view.errors.slice(0, 3))}`);
  const serviceSeconds = (Date.parse(view.finishedAt!) - Date.parse(view.createdAt)) / 1000;
  return {
    kind: file.kind,
    rows: view.appliedRows,
    chunks: view.chunks,
    seconds: +serviceSeconds.toFixed(2),
    rowsPerSecond: Math.round(view.appliedRows / serviceSeconds),
    wallSeconds: +((performance.now() - started) / 1000).toFixed(2),
  };
}

console.log(`before: ${machine()}`);
const system = await startBaseData(
  city.grids.filter((g) => g.countyCode === COUNTY),
  city.divisions,
);
const agency: Principal = { sub: "bench-village-agency", roles: ["agency"], divisionCode: village };
try {
  const rssBefore = system.workerdRssMb();
  const started = performance.now();
  const imports = [];
  for (const file of files) {
    const result = await importLedger(system, agency, file);
    console.log(`import ${JSON.stringify(result)}`);
    imports.push(result);
  }
  const loadSeconds = (performance.now() - started) / 1000;
  const rows = imports.reduce((n, i) => n + i.rows, 0);
  console.log(
    `loaded ${rows} rows in ${loadSeconds.toFixed(1)} s wall (${Math.round(rows / loadSeconds)} rows/s, ` +
      `uploads and polling included); after: ${machine()}`,
  );
  const { bytes } = (await (await system.bench("size", { ns: "VILLAGE", name: village })).json()) as { bytes: number };
  const rssAfter = system.workerdRssMb();
  const perPerson = bytes / c.people;
  console.log(
    JSON.stringify({
      village,
      people: c.people,
      villageSqliteBytes: bytes,
      villageSqliteMB: +(bytes / 1e6).toFixed(2),
      bytesPerPerson: Math.round(perPerson),
      workerdRssMbBefore: Math.round(rssBefore),
      workerdRssMbAfter: Math.round(rssAfter),
    }),
  );

  const sample = data.ledgers[0]!.changes.flatMap((ch) =>
    ch.kind === "person.register" && ch.identity.document === "resident_id" ? [ch.identity.number] : [],
  );
  const gridCodes = data.ledgers[0]!.gridCodes;
  const doorPlates = doorPlatesOf(data.ledgers[0]!);
  const reads = await measureReads(system, {
    village,
    county: COUNTY,
    sample,
    doorPlates,
    gridCodes,
    people: c.people,
  });
  for (const [what, figures] of Object.entries(reads)) console.log(`${what}: ${JSON.stringify(figures)}`);
  const identity = await identityBytes(system);
  const entries = (reads.delivery.outboxAfterLoad as Record<string, number>).identity ?? 0;
  console.log(
    `identity index after the load: ${entries} entries (${(entries / c.people).toFixed(2)} a person) in ` +
      `${identity.shards} shards, ${identity.bytes} bytes, of which ${identity.shards} × ${identity.emptyShardBytes} ` +
      `the empty schema (~${Math.round(entries / identity.shards)} entries a shard fill few pages: a full shard's ` +
      `bytes per entry are basedata-identity's)`,
  );

  const villages = Math.ceil(COUNTY_PEOPLE / c.people);
  const gb = (b: number) => (b / 1e9).toFixed(2);
  const serial = imports.reduce((n, i) => n + i.seconds, 0);
  console.log(
    `county projection: ${COUNTY_PEOPLE.toLocaleString()} people / ${c.people} per village = ${villages} village ` +
      `objects; ${villages} × ${(bytes / 1e6).toFixed(2)} MB = ${gb(villages * bytes)} GB of village SQLite ` +
      `(${Math.round(perPerson)} B/person × ${COUNTY_PEOPLE.toLocaleString()} = ` +
      `${gb(perPerson * COUNTY_PEOPLE)} GB); ` +
      `import of ${villages} × ${rows} = ` +
      `${(villages * rows).toLocaleString()} rows at ${Math.round(rows / serial)} rows/s (this run, one consumer) = ` +
      `${((villages * serial) / 3600).toFixed(1)} h if one after another, or ${serial.toFixed(0)} s per village ` +
      `when the villages' ledgers run side by side (each its own object; the queue's consumers scale out)`,
  );
  console.log(`after: ${machine()}`);
} finally {
  await system.stop();
}
