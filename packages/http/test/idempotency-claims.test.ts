import { jsonAs, principals } from "@civicgrid/testing";
import { SELF } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { DEFAULT_CLAIM_TTL_MS, sha256Hex } from "../src";

// An Idempotency-Key claim dies with its request (issue 12 item 10): a crashed request's claim lapses after
// the claim lifetime, a live one keeps renewing it, and the 409 says truthfully when to retry.
const base = "https://svc.test";
const p = principals.cityAgency;
type Problem = { code: string; detail?: string };

function unique(label: string) {
  const id = crypto.randomUUID();
  return { key: { "idempotency-key": `${label}-${id}` }, text: `${label.slice(0, 6)}-${id.slice(0, 8)}` };
}

/** What a request killed mid-command leaves behind: its claim, last renewed `ageMs` ago. */
async function leftoverClaim(scope: string, key: string, body: unknown, ageMs: number) {
  const hash = await sha256Hex(JSON.stringify(body));
  const sql = `INSERT INTO idempotency_keys (scope, key, body_hash, state, created_at)
    VALUES (?1, ?2, ?3, 'in_flight', ?4)`;
  await env.DB.prepare(sql)
    .bind(scope, key, hash, Date.now() - ageMs)
    .run();
}

async function notesWith(text: string): Promise<number> {
  const row = await env.DB.prepare("SELECT count(*) AS n FROM notes WHERE text = ?1").bind(text).first<{ n: number }>();
  return row?.n ?? 0;
}

const post = async (path: string, text: string, key: Record<string, string>) =>
  SELF.fetch(`${base}${path}`, await jsonAs(p, "POST", { text }, key));
const LAPSED = DEFAULT_CLAIM_TTL_MS + 1_000;

/** Starts a command and repeats it with the same key `afterMs` later, while the first still runs. */
async function repeatWhileRunning(label: string, path: string, afterMs: number) {
  const { key, text } = unique(label);
  const first = post(path, text, key);
  await new Promise((r) => setTimeout(r, afterMs));
  return { key, text, first, retry: await post(path, text, key) };
}

describe("Idempotency-Key claims in flight", () => {
  it("answers a repeat during a live request with 409 and Retry-After = the claim's whole lifetime", async () => {
    const { text, first, retry } = await repeatWhileRunning("live", "/v1/slow-notes", 50);
    expect(retry.status).toBe(409);
    expect(retry.headers.get("retry-after")).toBe(String(DEFAULT_CLAIM_TTL_MS / 1000));
    expect((await retry.json<Problem>()).code).toBe("idempotency_in_flight");
    expect((await first).status).toBe(201);
    expect(await notesWith(text)).toBe(1);
  });

  it("says in Retry-After how many seconds are left until a leftover claim lapses", async () => {
    const { key, text } = unique("left");
    await leftoverClaim(`${p.sub} POST /v1/slow-notes`, key["idempotency-key"], { text }, 10_000);
    const res = await post("/v1/slow-notes", text, key);
    expect(res.status).toBe(409);
    expect(res.headers.get("retry-after")).toBe(String(DEFAULT_CLAIM_TTL_MS / 1000 - 10));
    expect(await notesWith(text)).toBe(0);
  });
});

describe("Idempotency-Key claims after their request died", () => {
  it("takes over a lapsed claim and performs the command once", async () => {
    const { key, text } = unique("crash");
    await leftoverClaim(`${p.sub} POST /v1/slow-notes`, key["idempotency-key"], { text }, LAPSED);
    const retry = await post("/v1/slow-notes", text, key);
    expect(retry.status).toBe(201);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    const again = await post("/v1/slow-notes", text, key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await notesWith(text)).toBe(1);
  });

  it("lets exactly one of two concurrent retries after the claim lapsed run the command", async () => {
    const { key, text } = unique("race");
    await leftoverClaim(`${p.sub} POST /v1/slow-notes`, key["idempotency-key"], { text }, LAPSED);
    const answers = await Promise.all([post("/v1/slow-notes", text, key), post("/v1/slow-notes", text, key)]);
    const ran = answers.filter((r) => r.status === 201 && r.headers.get("idempotent-replayed") === null);
    const other = answers.find((r) => !ran.includes(r));
    expect(ran).toHaveLength(1);
    expect(other?.status === 409 || other?.headers.get("idempotent-replayed") === "true").toBe(true);
    expect(await notesWith(text)).toBe(1);
  });

  it("still refuses a lapsed claim's key with another body (422), without running", async () => {
    const { key, text } = unique("other");
    await leftoverClaim(`${p.sub} POST /v1/slow-notes`, key["idempotency-key"], { text: "something else" }, LAPSED);
    const res = await post("/v1/slow-notes", text, key);
    expect(res.status).toBe(422);
    expect(await notesWith(text)).toBe(0);
  });
});

describe("Idempotency-Key outcomes", () => {
  it("replays a finished request's answer however old it is, with idempotent-replayed: true", async () => {
    const { key, text } = unique("done");
    expect((await post("/v1/slow-notes", text, key)).status).toBe(201);
    const anHourEarlier = "UPDATE idempotency_keys SET created_at = created_at - 3600000 WHERE key = ?1";
    await env.DB.prepare(anHourEarlier).bind(key["idempotency-key"]).run();
    const replay = await post("/v1/slow-notes", text, key);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("idempotent-replayed")).toBe("true");
    expect(await replay.json()).toEqual({ text });
    expect(await notesWith(text)).toBe(1);
  });
});

describe("Idempotency-Key claims of live requests", () => {
  // /leased gives a claim 600 ms of life and runs for 1.5 s: only renewal keeps a retry from running it twice.
  it("keeps a live request's claim past its lifetime, so a retry never runs the command twice", async () => {
    const { key, text, first, retry } = await repeatWhileRunning("lease", "/leased/notes", 900);
    expect(retry.status).toBe(409);
    expect(Number(retry.headers.get("retry-after"))).toBe(1);
    expect((await first).status).toBe(201);
    expect((await post("/leased/notes", text, key)).headers.get("idempotent-replayed")).toBe("true");
    expect(await notesWith(text)).toBe(1);
  });

  it("does not record a request's outcome over a claim another request took over", async () => {
    const { key, text } = unique("fence");
    const first = post("/leased/notes", text, key);
    await new Promise((r) => setTimeout(r, 300));
    const takenOverAt = Date.now() + 60_000; // what a newer holder's claim looks like: a value the first never wrote
    const takeOver = "UPDATE idempotency_keys SET created_at = ?2 WHERE key = ?1";
    await env.DB.prepare(takeOver).bind(key["idempotency-key"], takenOverAt).run();
    expect((await first).status).toBe(201);
    const row = await env.DB.prepare("SELECT state, created_at FROM idempotency_keys WHERE key = ?1")
      .bind(key["idempotency-key"])
      .first<{ state: string; created_at: number }>();
    expect(row).toEqual({ state: "in_flight", created_at: takenOverAt });
  });
});
