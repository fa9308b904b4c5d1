// Memory of the soak (issue 17 §3): the growth of workerd's resident memory over the last part of a held phase as
// MB/min (least squares over the samples), judged flat against a threshold; and workerd's own cost per Durable
// Object, measured on the bare worker (infra/bench/bare-worker) creating objects, so that the system's growth
// under writes (every new case is a new CaseDO) can be split into the platform's share and our code's.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { stopAll } from "../local/dev.mjs";
import { wranglerSpawn } from "../local/wrangler.mjs";
import type { Check } from "./soak-checks";
import { workerdMemory, type Sample } from "./soak-system";

/**
 * Flat: under 2 MB/min. A production isolate has 128 MB; growing at 2 MB/min it would fill all of it within about
 * an hour of the same load (128 / 60 ≈ 2.1), which is a leak worth finding; below that the RSS of the whole local
 * workerd (every service's isolates, V8's collector working in steps of a few MB) cannot tell a slower trend
 * from noise in a window of minutes.
 */
export const FLAT_MB_PER_MIN = 2;

const f = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** Least-squares slope of MB over time, in MB/min; NaN with fewer than 3 samples. */
export function slopeMbPerMin(samples: Pick<Sample, "t" | "mb">[]): number {
  const xs = samples.filter((s) => Number.isFinite(s.mb));
  if (xs.length < 3) return Number.NaN;
  const mt = xs.reduce((a, s) => a + s.t, 0) / xs.length;
  const mm = xs.reduce((a, s) => a + s.mb, 0) / xs.length;
  const cov = xs.reduce((a, s) => a + (s.t - mt) * (s.mb - mm), 0);
  const varT = xs.reduce((a, s) => a + (s.t - mt) ** 2, 0);
  return (cov / varT) * 60;
}

/**
 * The samples of a held phase and the growth over its last two thirds (the first third lets the caches the
 * load touches fill, which is start-up, not growth). Printed; a check when `judge` says so.
 */
export function heldMemory(series: Sample[], from: number, to: number, everyS: number, label: string): Check {
  const held = series.filter((s) => s.t >= from && s.t <= to);
  const tail = held.filter((s) => s.t >= from + (to - from) / 3);
  const slope = slopeMbPerMin(tail);
  console.log(
    `\nworkerd RSS during ${label} (every ${everyS} s, MB): ${held.map((s) => f(s.mb)).join(" ")}` +
      `; peak (VmHWM) ${f(held.at(-1)?.hwm ?? Number.NaN)} MB`,
  );
  const detail =
    `${f(slope, 2)} MB/min over the last ${f(to - (from + (to - from) / 3))} s (${tail.length} samples, ` +
    `${f(tail[0]?.mb ?? Number.NaN)} → ${f(tail.at(-1)?.mb ?? Number.NaN)} MB); flat means under ${FLAT_MB_PER_MIN} MB/min`;
  console.log(`memory (${label}): ${detail}`);
  return { name: `memory flat under ${label}`, ok: Number.isFinite(slope) && slope < FLAT_MB_PER_MIN, detail };
}

export interface DoCost {
  objects: number;
  before: number;
  after: number;
  idle: number;
  kbPerObject: number;
}

/**
 * workerd's own cost per Durable Object: the bare worker (one DO class, one SQLite row per call, no code of ours)
 * creates `objects` new objects at `concurrency`; its workerd's RSS before, right after, and after `idleS` idle.
 */
export async function bareDoCost(port: number, objects: number, idleS = 15, concurrency = 8): Promise<DoCost> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), "civicgrid-bare-do-"));
  const config = path.join(import.meta.dirname, "bare-worker", "wrangler.toml");
  const child = wranglerSpawn(
    ["dev", "-c", config, "--port", String(port), "--ip", "127.0.0.1", "--persist-to", state].concat([
      "--inspector-port",
      String(port + 1000),
      "--show-interactive-dev-session=false",
    ]),
    { stdio: "ignore" },
  );
  const bare = { child, stateDir: state, logFile: "" };
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUp(`${origin}/do/warm-up`);
    for (let i = 0; i < 50; i++) await (await fetch(`${origin}/do/warm-${i}`, { method: "POST", body: "{}" })).text();
    await new Promise((r) => setTimeout(r, 2000));
    const before = workerdMemory(bare).rss;
    let next = 0;
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        while (next < objects) {
          const res = await fetch(`${origin}/do/soak-${next++}`, { method: "POST", body: "{}" });
          await res.text();
          if (!res.ok) throw new Error(`bare worker answered ${res.status}`);
        }
      }),
    );
    const after = workerdMemory(bare).rss;
    await new Promise((r) => setTimeout(r, idleS * 1000));
    const idle = workerdMemory(bare).rss;
    return { objects, before, after, idle, kbPerObject: ((after - before) * 1024) / objects };
  } finally {
    await stopAll(child);
    fs.rmSync(state, { recursive: true, force: true });
  }
}

async function waitUp(url: string): Promise<void> {
  for (let i = 0; i < 240; i++) {
    try {
      const res = await fetch(url, { method: "POST", body: "{}" });
      await res.text();
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${url} did not come up`);
}
