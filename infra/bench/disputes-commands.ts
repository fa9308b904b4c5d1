// Benchmark (not a test): dispute commands through the gateway on local workerd, against a plain case transition in
// the same run. A dispute command does more before its Durable Object runs: the parties resolved in base data (an
// identity-index lookup for a named party's ID number), the mediator in the roster, the county's risk rules and the
// repeat rule's query in D1; then the risk step, and the projection into the disputes' read model after the commit.
// Run: npm run bench -- disputes-commands      (or: npx tsx infra/bench/disputes-commands.ts [count] [concurrency])
import os from "node:os";
import { generateCity } from "@civicgrid/demo-data";
import { mintDevToken } from "../local/token.mjs";
import { load, printResults, type LoadResult } from "./load";

process.env.E2E_PORT ??= "8797";
const { E2E_ORIGIN: origin, startSystem, stopSystem } = await import("../../e2e/system");
const count = Number(process.argv[2] ?? 150);
const concurrency = Number(process.argv[3] ?? 8);
/** The demo grid worker's grid (羊桥社区 grid 001) and its village committee's mediator (roster demo data). */
const grid = generateCity({}).grids.find((g) => g.code === "440703002101001")!;
const [lng, lat] = grid.center;
const MEDIATOR = "med-440703002101-01";

/** A valid resident ID number (GB 11643), different for each `n`. */
function idNumber(n: number): string {
  const body = `44070319${String(700101 + (n % 28)).padStart(6, "0")}${String(n % 1000).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i]!, 0);
  return body + "10X98765432"[sum % 11];
}

console.log(`starting the system on ${origin} (${os.cpus().length} cores, ${os.cpus()[0]?.model})`);
const system = await startSystem();
try {
  // The gateway allows 600 requests a minute per caller: the commands go round four callers who may all act on a
  // case of the grid (its worker, and the village, township and county agencies over it), so none is throttled.
  const callers = ["demo-grid-worker", "demo-village-agency", "demo-township-agency", "demo-county-agency-440703"];
  const tokens = await Promise.all(callers.map(async (sub) => (await mintDevToken(sub)) as string));
  const headersOf = (i: number) => ({
    authorization: `Bearer ${tokens[i % tokens.length]}`,
    "content-type": "application/json",
  });
  type Seen = { id: string; version: number };
  const cases: Seen[] = [];
  const post = (i: number, path: string, body: unknown, c?: Seen) =>
    fetch(`${origin}${path}`, {
      method: "POST",
      headers: c ? { ...headersOf(i), "if-match": `"v${c.version}"` } : headersOf(0),
      body: JSON.stringify(body),
    });
  // The cases the commands act on, made outside the measurement (report; half verified for the baseline).
  await load("setup: report", count * 2, concurrency, async (i) => {
    const res = await post(i, "/v1/cases", {
      title: `邻里纠纷 ${i}`,
      description: "基准测试",
      categoryCode: "0801",
      lng,
      lat,
    });
    if (res.status === 201) cases[i] = (await res.clone().json()) as Seen;
    return res;
  });
  const ready = cases.filter(Boolean);
  const plain = ready.slice(0, count);
  const disputes = ready.slice(count);
  /** Runs one command on each case of `list`, keeping the version each answer gives for the next command. */
  const step = (label: string, list: Seen[], path: string, body: (i: number) => unknown) =>
    load(label, list.length, concurrency, async (i) => {
      const c = list[i]!;
      const res = await post(i, `/v1/cases/${c.id}${path}`, body(i), c);
      if (res.ok) list[i] = (await res.clone().json()) as Seen;
      return res;
    });

  const results: LoadResult[] = [];
  results.push(await step("case: verify (baseline transition)", plain, "/verify", () => ({})));
  results.push(
    await step("dispute: record (2 named parties, ID numbers)", disputes, "/dispute/record", (i) => ({
      relation: "neighbours",
      summary: "两户因院墙排水问题争执",
      parties: [
        { kind: "named", role: "applicant", name: "甲某", idNumber: idNumber(2 * i), phone: "13800138000" },
        { kind: "named", role: "respondent", name: "乙某", idNumber: idNumber(2 * i + 1) },
      ],
      claims: [{ by: 0, text: "赔偿修缮费", amount: 3000 }],
    })),
  );
  results.push(
    await step("dispute: record-threat (risk step)", disputes, "/dispute/record-threat", () => ({
      at: new Date().toISOString(),
      by: 1,
      description: "扬言报复",
      violence: false,
    })),
  );
  results.push(
    await step("dispute: assign-mediator (roster RPC)", disputes, "/dispute/assign-mediator", () => ({
      mediatorId: MEDIATOR,
    })),
  );
  results.push(
    await step("dispute: record-session", disputes, "/dispute/record-session", () => ({
      at: new Date().toISOString(),
      place: "羊桥社区调解室",
      attendees: ["甲某", "乙某"],
      outcome: "adjourned",
      summary: "双方陈述意见，约定再议",
    })),
  );
  const read = await load("disputes: early-warning list (county agency)", 100, concurrency, () =>
    fetch(`${origin}/v1/disputes/warnings?limit=50`, { headers: headersOf(3) }),
  );
  results.push(read);
  printResults(
    results,
    Object.fromEntries(results.slice(1, 5).map((r) => [r.label, "case: verify (baseline transition)"])),
  );
} finally {
  await stopSystem(system);
}
