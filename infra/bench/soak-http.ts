// Calls through the gateway as demo users, with per-phase figures. The gateway limits every caller to
// 600 requests a minute (RATE_LIMITER, enforced by local workerd too), so load is spread over pools of
// users of the right role and each user is paced below that limit: otherwise the soak would measure
// the rate-limit policy (429s) instead of the system.
import { demoUsers, mintDevToken } from "../local/token.mjs";
import type { Memory } from "./soak-system";

export interface Answer {
  status: number; // 0: no HTTP answer (connection refused or reset, e.g. while the server is down)
  json: Record<string, unknown>;
  text: string;
}

interface DemoUser {
  sub: string;
  roles: string[];
  divisionCode: string;
  grids?: string[];
}

/** Per-caller spacing: 9 a second stays under 600 a minute in any window. */
const SPACING_MS = 1000 / 9;
const nextFree = new Map<string, number>();
const tokens = new Map<string, string>();

export interface Pools {
  reporters: string[]; // grid workers of the demo grid
  verifiers: string[]; // grid workers of the grid and the agencies above it
  scoped: string[]; // agencies whose jurisdiction contains the demo grid (they can read every case)
  agencies: string[]; // every agency of the city (for point lookups)
  county: string; // the county agency the brief names for the list
}

export async function loadPools(grid: string): Promise<Pools> {
  const users = (await demoUsers()) as DemoUser[];
  const village = grid.slice(0, 12);
  const covers = (d: string) => village.startsWith(d.replace(/0+$/, ""));
  const reporters = users
    .filter((u) => u.roles.includes("grid_worker") && (u.grids ?? []).includes(grid))
    .map((u) => u.sub);
  const scoped = users.filter((u) => u.roles.includes("agency") && covers(u.divisionCode)).map((u) => u.sub);
  const agencies = users.filter((u) => u.roles.includes("agency")).map((u) => u.sub);
  const all = [
    ...reporters,
    ...scoped,
    ...agencies,
    "demo-county-agency-440703",
    "demo-township-agency",
    "demo-platform-admin",
    "demo-department-440703-police",
  ];
  // Mint every token up front: signing is not what is being measured.
  for (const sub of new Set(all)) tokens.set(sub, (await mintDevToken(sub)) as string);
  return { reporters, verifiers: [...reporters, ...scoped], scoped, agencies, county: "demo-county-agency-440703" };
}

/** The pool member free soonest, or undefined when all are busy for longer than `patienceMs`. */
export function pick(pool: string[], patienceMs = 0): string | undefined {
  let best: string | undefined;
  let at = Infinity;
  for (const sub of pool) {
    const t = nextFree.get(sub) ?? 0;
    if (t < at) [best, at] = [sub, t];
  }
  if (best === undefined || at - performance.now() > patienceMs) return undefined;
  nextFree.set(best, Math.max(at, performance.now()) + SPACING_MS);
  return best;
}

/** Waits for a free member of the pool (for checks, where waiting is fine). */
export async function pickWaiting(pool: string[]): Promise<string> {
  for (;;) {
    const sub = pick(pool);
    if (sub) return sub;
    await sleep(20);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export async function call(
  origin: string,
  path: string,
  o: { as?: string; body?: unknown; headers?: Record<string, string>; method?: string } = {},
): Promise<Answer> {
  const headers: Record<string, string> = { ...o.headers };
  if (o.as) headers.authorization = `Bearer ${tokens.get(o.as) ?? ((await mintDevToken(o.as)) as string)}`;
  if (o.body !== undefined) headers["content-type"] = "application/json";
  try {
    const res = await fetch(`${origin}${path}`, {
      method: o.method ?? (o.body === undefined ? "GET" : "POST"),
      headers,
      body: o.body === undefined ? undefined : JSON.stringify(o.body),
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      // not JSON (an HTML error page, say): keep the text
    }
    return { status: res.status, json, text };
  } catch (error) {
    return { status: 0, json: {}, text: String(error) };
  }
}

/** Figures of one phase: every answer's status and latency. */
export class Phase {
  latencies: number[] = [];
  requests = 0;
  errors = 0; // any 4xx/5xx except 429, or no answer
  limited = 0; // 429 from the gateway's rate limit
  fiveXX = 0; // 5xx from the system itself
  reloads = 0; // 503 from wrangler dev's proxy while it hot-reloads the workers (a watched file changed)
  noAnswer = 0;
  dropped = 0; // paced sends skipped because too many were already in flight
  samples: string[] = []; // a few 5xx bodies, to report what failed
  started = performance.now();
  ended = 0;
  /** workerd memory when the phase started and when it ended. */
  memFirst?: Memory;
  memLast?: Memory;
  constructor(readonly name: string) {}

  record(a: Answer, ms: number, label: string): void {
    this.requests++;
    this.latencies.push(ms);
    if (a.status === 429) this.limited++;
    else if (a.status === 0 || a.status >= 400) this.errors++;
    if (a.status === 0) this.noAnswer++;
    // wrangler dev reloads every worker when a watched file changes (another checkout's `prepare` rewriting
    // .dev.vars, an edit under services/); its proxy then answers 503 itself. Counted apart, not hidden.
    if (a.status === 503 && a.text.includes("restarted mid-request")) this.reloads++;
    else if (a.status >= 500) {
      this.fiveXX++;
      if (this.samples.length < 5) this.samples.push(`${label} ${a.status} ${a.text.slice(0, 300)}`);
    }
  }

  end(): this {
    this.ended = performance.now();
    return this;
  }

  get seconds(): number {
    return ((this.ended || performance.now()) - this.started) / 1000;
  }

  quantile(q: number): number {
    const s = [...this.latencies].sort((a, b) => a - b);
    return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
  }
}
