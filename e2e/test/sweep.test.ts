// The generic authorization sweep (issue 12): every operation of the live /openapi.json, called by every demo
// role, with county A's (蓬江区 440703) real ids. No answer may be 5xx, and no caller of county B (新会区 440705)
// may succeed on a write naming a county-A resource or read a county-A resource by id (or a list filtered to
// county A with anything in it). What is skipped, and why, is listed in sweep-fixtures.ts.
import { writeFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { origin, tokenFor } from "./client";
import { loadDoc, operations, type Doc, type Method, type Operation } from "./openapi-doc";
import {
  CALLERS,
  countyAIds,
  countyBBody,
  NOT_COUNTY_A,
  pathValue,
  queryValue,
  SAFE_WITH_EMPTY_BODY,
  UNSIGNED_ONLY,
  type Ids,
} from "./sweep-fixtures";
import { BASEDATA_FIXTURES, missingFixtures } from "./sweep-basedata";

const COUNTY_A_ADMIN = "demo-county-agency-440703";
type Call = { key: string; method: Method; path: string; url: string; op: Operation };
type Outcome = { caller: string; call: Call; status: number; text: string; listed?: number };

function plan(doc: Doc, ids: Ids): Call[] {
  return operations(doc).map(({ method, path, op }) => {
    const key = `${method.toUpperCase()} ${path}`;
    const fixture = BASEDATA_FIXTURES[key];
    const params = fixture?.params?.(ids) ?? {};
    const value = (name: string) => params[name] ?? pathValue(path, name, ids);
    const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(value(name)));
    const query = new URLSearchParams(fixture?.query);
    for (const p of op.parameters ?? []) {
      // A base-data fixture names its query exactly (one of gridCode or divisionCode, say), but for required ones.
      if (p.in !== "query" || query.has(p.name) || (fixture?.query && !p.required)) continue;
      const value = queryValue(p.name, p.required ? (p.schema as { enum?: string[] } | undefined)?.enum : undefined);
      if (value !== undefined) query.set(p.name, value);
    }
    return {
      key,
      method,
      path,
      url: `${filled}${query.size ? `?${query}` : ""}`,
      op,
    };
  });
}

/** Whether `{}` (or no body) would pass validation, so that an allowed caller would really act (see SAFE_WITH_EMPTY_BODY). */
function actsWithEmptyBody(doc: Doc, call: Call): boolean {
  if (call.method === "get" || SAFE_WITH_EMPTY_BODY.has(call.key)) return false;
  let schema = call.op.requestBody?.content["application/json"]?.schema as
    { $ref?: string; required?: string[] } | undefined;
  if (schema?.$ref) schema = (doc.components?.schemas as Record<string, typeof schema>)[schema.$ref.split("/").pop()!];
  return !schema?.required?.length;
}

const asCountyA = async () => ({ headers: { authorization: `Bearer ${await tokenFor(COUNTY_A_ADMIN)}` } });

/** Answers county A's agency saw, asked once per URL for all callers of county B. */
const seenByCountyA = new Map<string, Promise<unknown>>();
const once = <T>(key: string, probe: () => Promise<T>): Promise<T> => {
  if (!seenByCountyA.has(key)) seenByCountyA.set(key, probe());
  return seenByCountyA.get(key) as Promise<T>;
};

/** The ETag county A's agency sees on the resource a command acts on, so that If-Match is never the reason to refuse. */
function etagFor(doc: Doc, call: Call): Promise<string | undefined> {
  return once(`etag ${call.url}`, () => etagOf(doc, call));
}

async function etagOf(doc: Doc, call: Call): Promise<string | undefined> {
  const segments = call.url.split("?")[0]!.split("/");
  const templates = call.path.split("/");
  for (let n = segments.length; n > 2; n--) {
    if (!doc.paths[templates.slice(0, n).join("/")]?.get) continue;
    const res = await fetch(`${origin}${segments.slice(0, n).join("/")}`, await asCountyA());
    await res.body?.cancel();
    const etag = res.headers.get("etag");
    if (etag) return etag;
  }
  return undefined;
}

/** For a PUT, county A's own current document: a valid body whatever its shape, and harmless if written back. */
function countyABody(call: Call): Promise<unknown> {
  if (call.method !== "put") return Promise.resolve(undefined);
  return once(`body ${call.url}`, async () => {
    const res = await fetch(`${origin}${call.url}`, await asCountyA());
    return res.ok ? res.json() : undefined;
  });
}

async function send(caller: (typeof CALLERS)[number], call: Call, doc: Doc, ids: Ids): Promise<Outcome> {
  const headers: Record<string, string> = { "idempotency-key": `e2e-sweep-${crypto.randomUUID()}` };
  if (caller.sub) headers.authorization = `Bearer ${await tokenFor(caller.sub)}`;
  let body: unknown;
  const fixture = BASEDATA_FIXTURES[call.key];
  if (call.method !== "get" && call.op.requestBody) {
    // County B gets valid bodies (only authorization may stop it); everyone else a minimal `{}`. A base-data
    // operation's fixture gives every caller the same valid body.
    body = fixture?.body
      ? fixture.body(ids)
      : caller.countyB
        ? ((await countyABody(call)) ?? countyBBody(call.key, ids))
        : {};
    headers["content-type"] = fixture?.contentType ?? "application/json";
  }
  if (caller.countyB && call.method !== "get") {
    const etag = await etagFor(doc, call);
    if (etag) headers["if-match"] = etag;
  }
  const payload = body === undefined ? undefined : fixture?.contentType ? String(body) : JSON.stringify(body);
  const res = await fetch(`${origin}${call.url}`, { method: call.method.toUpperCase(), headers, body: payload });
  const text = await res.text();
  return { caller: caller.role, call, status: res.status, text: text.slice(0, 300), listed: listedItems(text) };
}

/** How many items a list answer shows (undefined when it is not a list). */
function listedItems(text: string): number | undefined {
  try {
    const items = (JSON.parse(text) as { items?: unknown } | null)?.items;
    return Array.isArray(items) ? items.length : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the tasks a few at a time: enough to finish in about a minute, gentle enough for 2 cores. */
async function pooled<T>(tasks: (() => Promise<T>)[], width = 6): Promise<T[]> {
  const results: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        results[i] = await tasks[i]!();
      }
    }),
  );
  return results;
}

const named = (o: Outcome) => `${o.caller}: ${o.call.method.toUpperCase()} ${o.call.url} -> ${o.status}`;

function leaksToCountyB(o: Outcome): boolean {
  if (o.status < 200 || o.status > 299 || NOT_COUNTY_A.has(o.call.key) || o.call.path.startsWith("/v1/public/"))
    return false;
  const namesById = /\{\w+\}/.test(o.call.path);
  if (o.call.method !== "get") return namesById || o.call.op.requestBody !== undefined;
  if (namesById) return true;
  // A list filtered to county A: a 2xx is fine only if it shows nothing.
  return /[?&](divisionCode|countyCode|villageCode|division|gridCode|grid)=/.test(o.call.url) && (o.listed ?? 1) > 0;
}

describe("the authorization sweep over every operation in /openapi.json", { timeout: 600_000 }, () => {
  let outcomes: Outcome[] = [];

  beforeAll(async () => {
    const doc = await loadDoc();
    const ids = await countyAIds();
    const calls = plan(doc, ids);
    const signed = calls.filter((c) => !UNSIGNED_ONLY.some((re) => re.test(c.path)));
    const unsigned = calls.filter((c) => UNSIGNED_ONLY.some((re) => re.test(c.path)));
    // County B first, while county A's resources are still in the states the demo left them in.
    const order = [...CALLERS.filter((c) => c.countyB), ...CALLERS.filter((c) => !c.countyB)];
    const tasks = order.flatMap((caller) =>
      signed
        .filter((c) => caller.countyB || BASEDATA_FIXTURES[c.key] || !actsWithEmptyBody(doc, c))
        .map((c) => () => send(caller, c, doc, ids)),
    );
    tasks.push(...unsigned.map((c) => () => send(CALLERS[0]!, c, doc, ids)));
    outcomes = await pooled(tasks);
    // SWEEP_DUMP=file.json keeps every answer, to study what each role got.
    const dump = outcomes.map((o) => ({ ...o, call: o.call.url, key: o.call.key }));
    if (process.env.SWEEP_DUMP) writeFileSync(process.env.SWEEP_DUMP, JSON.stringify(dump, null, 1));
  }, 600_000);

  it("answers no call with a 5xx, whoever calls", () => {
    const failures = outcomes.filter((o) => o.status >= 500).map((o) => `${named(o)} ${o.text}`);
    expect(failures).toEqual([]);
  });

  it("has a fixture for every base-data operation (sweep-basedata.ts), and none for an operation that is gone", () => {
    const keys = [...new Set(outcomes.map((o) => o.call.key))];
    expect(missingFixtures(keys), "add these to BASEDATA_FIXTURES in e2e/test/sweep-basedata.ts").toEqual([]);
    expect(Object.keys(BASEDATA_FIXTURES).filter((k) => !keys.includes(k))).toEqual([]);
  });

  it("gives every base-data operation the answer its fixture expects, caller by caller", () => {
    const wrong = outcomes.flatMap((o) => {
      const fixture = BASEDATA_FIXTURES[o.call.key];
      if (!fixture) return [];
      const refusals = o.caller === "anonymous" ? [401] : fixture.stateful ? [403, 404, 409] : [403, 404];
      const ok = fixture.allowed.includes(o.caller)
        ? o.status < 500 && o.status !== 401 && o.status !== 403
        : refusals.includes(o.status);
      const expected = fixture.allowed.includes(o.caller) ? "allowed" : `refused (${refusals.join("/")})`;
      return ok ? [] : [`${named(o)}, expected ${expected}: ${o.text.slice(0, 160)}`];
    });
    expect(wrong).toEqual([]);
  });

  it("proves every base-data fixture: an allowed caller succeeds with it", () => {
    const unproven = Object.entries(BASEDATA_FIXTURES)
      .filter(([, fixture]) => !fixture.noSuccess)
      .map(([key, fixture]) => outcomes.filter((o) => o.call.key === key && fixture.allowed.includes(o.caller)))
      .filter((seen) => !seen.some((o) => o.status >= 200 && o.status < 300))
      .map((seen) => seen.map((o) => `${named(o)} ${o.text.slice(0, 100)}`).join("\n"));
    expect(unproven).toEqual([]);
  });

  it("lets no caller of county B change or read county A's resources", () => {
    const leaks = outcomes
      .filter((o) => CALLERS.find((c) => c.role === o.caller)?.countyB && leaksToCountyB(o))
      .map((o) => `${named(o)} ${o.text.slice(0, 120)}`);
    expect(leaks).toEqual([]);
  });

  it("really exercised every operation, with callers of county B who do act in their own county", async () => {
    expect(new Set(outcomes.map((o) => o.call.key)).size).toBeGreaterThan(100);
    // The sweep proves nothing if county B were refused as a stranger (401): each of them lists its own cases
    // (hr, which the policy keeps away from cases, its own county's workers).
    for (const caller of CALLERS.filter((c) => c.countyB)) {
      const own = caller.role.startsWith("hr") ? "/v1/workers" : "/v1/cases";
      const res = await fetch(`${origin}${own}`, {
        headers: { authorization: `Bearer ${await tokenFor(caller.sub!)}` },
      });
      expect(res.status, `${caller.role}: ${await res.text()}`).toBe(200);
    }
  });
});
