// The invariants the soak asserts after load and faults: nothing acknowledged is lost, archives verify,
// the read model converges, a replayed command has one effect, and consumers file one message per event.
import { call, pickWaiting, sleep } from "./soak-http";
import { report, type Workload } from "./soak-load";

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

/** Runs `fn` over `items` with a few callers at once (each call waits for a paced user). */
async function each<T>(items: T[], fn: (item: T) => Promise<void>, concurrency = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) await fn(items[next++]!);
    }),
  );
}

export async function ackedPresent(w: Workload, label: string): Promise<Check> {
  const lost: string[] = [];
  await each([...w.acked.values()], async (a) => {
    let res = await call(w.origin, `/v1/cases/${a.id}`, { as: await pickWaiting(w.pools.scoped) });
    // Only an answer counts: a 429 or a dropped connection says nothing about the case, so ask again.
    for (let i = 0; i < 5 && (res.status === 429 || res.status === 0); i++) {
      await sleep(1000);
      res = await call(w.origin, `/v1/cases/${a.id}`, { as: await pickWaiting(w.pools.scoped) });
    }
    const version = typeof res.json.version === "number" ? res.json.version : -1;
    if (res.status !== 200 || version < a.version)
      lost.push(`${a.id} (${a.kind} v${a.version} acknowledged; now ${res.status} v${version})`);
  });
  return {
    name: `${label}: every acknowledged write readable at >= its version`,
    ok: lost.length === 0,
    detail: `${w.acked.size} cases checked, ${lost.length} lost${lost.length ? ": " + lost.slice(0, 5).join("; ") : ""}`,
  };
}

export async function archivesValid(w: Workload, sampleSize: number): Promise<Check> {
  const ids = [...w.acked.keys()].sort(() => Math.random() - 0.5).slice(0, sampleSize);
  const bad: string[] = [];
  await each(ids, async (id) => {
    const res = await call(w.origin, `/v1/cases/${id}/archive/verify`, { as: await pickWaiting(w.pools.scoped) });
    if (res.status !== 200 || res.json.valid !== true) bad.push(`${id}: ${res.status} ${res.text.slice(0, 120)}`);
  });
  return {
    name: "archive hash chain valid (sample)",
    ok: bad.length === 0,
    detail: `${ids.length} sampled, ${bad.length} invalid${bad.length ? ": " + bad.slice(0, 3).join("; ") : ""}`,
  };
}

/** Pages the county agency's case list until it holds every acknowledged case, nudging the cases sweep. */
export async function listConverges(w: Workload, timeoutMs: number): Promise<Check> {
  const started = Date.now();
  let missing = w.acked.size;
  let lastSweep = 0;
  while (Date.now() - started < timeoutMs) {
    if (Date.now() - lastSweep > 15_000) {
      lastSweep = Date.now();
      // The sweep re-projects cases whose projection failed; the DO alarm would too, only later.
      await call(w.origin, "/v1/admin/cron", {
        as: "demo-platform-admin",
        body: { service: "cases", cron: "*/5 * * * *" },
      });
    }
    const listed = new Set<string>();
    let cursor: string | null = null;
    do {
      const page = await call(w.origin, `/v1/cases?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
        as: await pickWaiting([w.pools.county]),
      });
      if (page.status !== 200) break;
      for (const item of (page.json.items as { id: string }[]) ?? []) listed.add(item.id);
      cursor = (page.json.nextCursor as string | null) ?? null;
    } while (cursor);
    missing = [...w.acked.keys()].filter((id) => !listed.has(id)).length;
    if (missing === 0)
      return {
        name: "read model converges (county list holds every case)",
        ok: true,
        detail: `${w.acked.size} cases listed after ${((Date.now() - started) / 1000).toFixed(1)} s`,
      };
    await sleep(3000);
  }
  return {
    name: "read model converges (county list holds every case)",
    ok: false,
    detail: `${missing} of ${w.acked.size} still missing after ${timeoutMs / 1000} s`,
  };
}

/** The same command five times at once with one Idempotency-Key: one event, one case. */
export async function replayOnce(w: Workload): Promise<Check[]> {
  const key = `soak-replay-${crypto.randomUUID()}`;
  const body = {
    title: "重放上报",
    description: "同一幂等键并发重放五次",
    categoryCode: "0802",
    lng: w.lng,
    lat: w.lat,
  };
  // Idempotency keys are scoped per caller (a client's retry), so the replays come from one caller.
  const sameCaller = await Promise.all(
    Array.from({ length: 5 }, () =>
      call(w.origin, "/v1/cases", { as: w.pools.reporters[0], body, headers: { "idempotency-key": key } }),
    ),
  );
  const ids = new Set(sameCaller.filter((r) => r.status === 201 || r.status === 200).map((r) => r.json.id as string));
  const statuses = sameCaller.map((r) => r.status).join(",");
  const c = await report(w, w.pools.reporters[0]!);
  const vkey = `soak-verify-${crypto.randomUUID()}`;
  const verifies = await Promise.all(
    Array.from({ length: 5 }, () =>
      call(w.origin, `/v1/cases/${c.json.id}/verify`, {
        as: w.pools.reporters[0],
        body: { note: "重放核实" },
        headers: { "if-match": `"v${c.json.version}"`, "idempotency-key": vkey },
      }),
    ),
  );
  const archive = await call(w.origin, `/v1/cases/${c.json.id}/archive`, { as: w.pools.county });
  const types = ((archive.json.events as { type: string }[]) ?? []).map((e) => e.type);
  return [
    {
      name: "report replayed 5x in parallel, one key: one case",
      ok: ids.size === 1,
      detail: `answers ${statuses}; distinct case ids ${ids.size}`,
    },
    {
      name: "verify replayed 5x in parallel, one key: one event",
      ok: types.filter((t) => t === "case.verified").length === 1 && types.length === 2,
      detail: `answers ${verifies.map((r) => r.status).join(",")}; archive events ${types.join(",")}`,
    },
  ];
}

/** Reports, verifies, accepts and dispatches `n` cases to the police of 蓬江区 (for the inbox check). */
export async function dispatchToPolice(w: Workload, n: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    let c = (await report(w, await pickWaiting(w.pools.reporters))).json;
    for (const [as, step, body] of [
      ["demo-grid-worker", "verify", {}],
      ["demo-township-agency", "accept", {}],
      ["demo-township-agency", "dispatch", { leadDepartmentId: "dept-440703-police" }],
    ] as const) {
      const res = await call(w.origin, `/v1/cases/${c.id}/${step}`, {
        as: await pickWaiting([as]),
        body,
        headers: { "if-match": `"v${c.version}"`, "idempotency-key": `soak-${crypto.randomUUID()}` },
      });
      if (res.status !== 200) throw new Error(`${step} of ${c.id}: ${res.status} ${res.text.slice(0, 200)}`);
      c = res.json;
    }
    w.acked.set(c.id as string, { id: c.id as string, version: c.version as number, kind: "verify" });
    ids.push(c.id as string);
  }
  return ids;
}

/** The department inbox, after queues settle: every dispatched case there, one message per (case, event). */
export async function inboxOnePerEvent(w: Workload, ids: string[], timeoutMs: number): Promise<Check> {
  const police = "demo-department-440703-police";
  const started = Date.now();
  let counts = new Map<string, number>();
  while (Date.now() - started < timeoutMs) {
    counts = new Map();
    let cursor: string | null = null;
    do {
      const page = await call(w.origin, `/v1/inbox?limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
        as: await pickWaiting([police]),
      });
      if (page.status !== 200) break;
      for (const m of (page.json.items as { caseId: string | null; eventType: string }[]) ?? []) {
        if (m.caseId && ids.includes(m.caseId))
          counts.set(`${m.caseId} ${m.eventType}`, (counts.get(`${m.caseId} ${m.eventType}`) ?? 0) + 1);
      }
      cursor = (page.json.nextCursor as string | null) ?? null;
    } while (cursor);
    if (ids.every((id) => [...counts.keys()].some((k) => k.startsWith(id)))) break;
    await sleep(2000);
  }
  const arrived = ids.filter((id) => [...counts.keys()].some((k) => k.startsWith(id))).length;
  const dupes = [...counts].filter(([, n]) => n !== 1);
  const kinds = [...new Set([...counts.keys()].map((k) => k.split(" ")[1]))].join(",");
  return {
    name: "department inbox: one message per (case, event type)",
    ok: arrived === ids.length && dupes.length === 0,
    detail: `${arrived}/${ids.length} cases arrived, ${counts.size} (case, event) pairs [${kinds}], ${dupes.length} duplicated${
      dupes.length
        ? ": " +
          dupes
            .slice(0, 3)
            .map(([k, n]) => `${k} x${n}`)
            .join("; ")
        : ""
    }`,
  };
}
