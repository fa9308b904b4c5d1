import { jsonAs } from "@civicgrid/testing";
import type { CaseEventData, CaseView, EventEnvelope, Principal } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { readModelOf } from "../src/store/shards";

export const HERE = { lng: 113.081, lat: 22.581 }; // 蓬江 440703001001001
export const XINHUI = { lng: 113.031, lat: 22.461 }; // 新会 440705001001001

let seq = 0;
export const key = () => `test-key-${Date.now()}-${++seq}`;

export async function call(
  principal: Principal,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
) {
  return exports.default.fetch(`http://cases${path}`, await jsonAs(principal, method, body, headers));
}

export async function report(principal: Principal, overrides: Record<string, unknown> = {}): Promise<CaseView> {
  const res = await call(principal, "POST", "/v1/cases", {
    title: "路灯不亮",
    description: "三号路口的路灯连续三晚不亮",
    categoryCode: "A01",
    ...HERE,
    ...overrides,
  });
  if (res.status !== 201) throw new Error(`report failed ${res.status}: ${await res.text()}`);
  return res.json<CaseView>();
}

export async function act(
  principal: Principal,
  c: Pick<CaseView, "id" | "version">,
  command: string,
  body: unknown = {},
  headers: Record<string, string> = {},
) {
  return call(principal, "POST", `/v1/cases/${c.id}/${command}`, body, { "if-match": `"v${c.version}"`, ...headers });
}

/** Runs a command that must succeed and returns the case after it. */
export async function step(
  principal: Principal,
  c: Pick<CaseView, "id" | "version">,
  command: string,
  body: unknown = {},
): Promise<CaseView> {
  const res = await act(principal, c, command, body);
  if (res.status !== 200) throw new Error(`${command} failed ${res.status}: ${await res.text()}`);
  return res.json<CaseView>();
}

/**
 * The message of a refused RPC call. Awaited inside try/catch rather than through `expect(...).rejects`, whose
 * handling of the RPC promise leaves the rejection reported as unhandled.
 */
export async function refusal(call: Promise<unknown>): Promise<string> {
  try {
    await call;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error("expected the call to be refused");
}

/** The case events as the consumers' queues receive them, read from the case's outbox in its DO. */
export function outboxEvents(id: string): Promise<(EventEnvelope & { data: CaseEventData })[]> {
  return runInDurableObject(env.CASE.get(env.CASE.idFromName(id)), (_i, s) =>
    s.storage.sql
      .exec<{ envelope: string }>("SELECT envelope FROM outbox ORDER BY version")
      .toArray()
      .map((r) => JSON.parse(r.envelope) as EventEnvelope & { data: CaseEventData }),
  );
}

/** The read-model shard that holds a case's rows (its county's, issue 17): for tests that look at or age them. */
export async function caseShard(id: string): Promise<D1Database> {
  const state = await env.CASE.get(env.CASE.idFromName(id)).snapshot();
  if (!state) throw new Error(`no case ${id}`);
  return readModelOf(env, state.countyCode);
}

/** Issue 17: FTS rows of a case's shard that no case holds (a projection or archive delete that missed its row). */
export async function ftsStrays(id: string): Promise<number> {
  const shard = await caseShard(id);
  const row = await shard
    .prepare(
      "SELECT count(*) AS n FROM cases_fts WHERE rowid NOT IN (SELECT fts_rowid FROM cases WHERE fts_rowid IS NOT NULL)",
    )
    .first<{ n: number }>();
  return row!.n;
}
