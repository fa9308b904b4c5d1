import type { EventEnvelope } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { and, eq, exists, isNull, sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { flushAfterWrite, flushOutbox, outboxInsert, type OutboxSenders } from "../src";
import { outbox } from "../src/store/tables";

// The outbox (issue 13 item 4): an event is written with its change or not at all, and sent per destination.
const db = drizzle(env.DB);
const notes = sqliteTable("notes", { id: integer("id").primaryKey(), text: text("text").notNull() });

function event(label: string, n = 1): EventEnvelope {
  const id = `${label}:${crypto.randomUUID()}:${n}`;
  return {
    id,
    type: "test.noted",
    source: "kit",
    aggregateId: label,
    version: n,
    occurredAt: "2026-05-01T00:00:00Z",
    data: { n },
  };
}
/** Destination names of one test only, so that tests sharing the database never flush each other's rows. */
const queuesOf = (...names: string[]) => {
  const run = crypto.randomUUID().slice(0, 8);
  return names.map((n) => `${n}-${run}`);
};

function recorder() {
  const batches: unknown[][] = [];
  return {
    batches,
    sendBatch: async (messages: Iterable<MessageSendRequest>) => void batches.push([...messages].map((m) => m.body)),
  };
}
// A Queue binding is a sender, as the type checker confirms here.
const _bindings = (queue: Queue): OutboxSenders => ({ events: queue });
const broken = { sendBatch: async () => Promise.reject(new Error("queue unavailable")) };

const rowsOf = (queue: string) =>
  db.select().from(outbox).where(eq(outbox.queue, queue)).orderBy(outbox.createdAt, outbox.id);

describe("writing events to the outbox", () => {
  it("writes one row per destination in the same batch as the change", async () => {
    const [a, b] = queuesOf("events", "roster");
    const e = event("both");
    await db.batch([db.insert(notes).values({ text: e.id }), outboxInsert(db, e, [a!, b!])]);
    for (const queue of [a!, b!]) {
      const rows = await rowsOf(queue);
      expect(rows).toMatchObject([{ id: e.id, queue, sentAt: null }]);
      expect(JSON.parse(rows[0]!.body)).toEqual(e);
    }
  });

  it("writes nothing when the batch fails: no event without its change", async () => {
    const [q] = queuesOf("events");
    const e = event("atomic");
    const failing = db.run(sql`INSERT INTO notes (id, text) VALUES (1, NULL)`);
    await expect(
      db.batch([db.insert(notes).values({ text: e.id }), outboxInsert(db, e, [q!]), failing]),
    ).rejects.toThrow();
    expect(await rowsOf(q!)).toEqual([]);
    expect(await db.select().from(notes).where(eq(notes.text, e.id))).toEqual([]);
  });

  it("adds nothing when the same event is written again", async () => {
    const [q] = queuesOf("events");
    const e = event("again");
    await db.batch([outboxInsert(db, e, [q!])]);
    await db.batch([outboxInsert(db, { ...e, occurredAt: "2026-05-02T00:00:00Z" }, [q!])]);
    const rows = await rowsOf(q!);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.body)).toEqual(e);
  });

  it("with onlyIf, writes only when the condition holds after the batch's earlier statements", async () => {
    const [q] = queuesOf("events");
    const [kept, skipped] = [event("kept"), event("skipped")];
    const noted = (text: string) =>
      exists(
        db
          .select({ one: sql`1` })
          .from(notes)
          .where(eq(notes.text, text)),
      );
    await db.batch([
      db.insert(notes).values({ text: kept.id }),
      outboxInsert(db, kept, [q!], noted(kept.id)),
      outboxInsert(db, skipped, [q!], noted(skipped.id)),
    ]);
    expect((await rowsOf(q!)).map((r) => r.id)).toEqual([kept.id]);
  });

  it("takes an event's id and body as SQL, read from what the batch just wrote", async () => {
    const [q] = queuesOf("events");
    const text = `snapshot-${crypto.randomUUID()}`;
    const id = sql`(SELECT 'noted:' || id FROM notes WHERE text = ${text})`;
    const body = sql`(SELECT json_object('id', 'noted:' || id, 'text', text) FROM notes WHERE text = ${text})`;
    const [written] = await db.batch([
      db.insert(notes).values({ text }).returning(),
      outboxInsert(db, { id, body }, [q!]),
    ]);
    expect(await rowsOf(q!)).toMatchObject([{ id: `noted:${written[0]!.id}` }]);
    expect(JSON.parse((await rowsOf(q!))[0]!.body)).toEqual({ id: `noted:${written[0]!.id}`, text });
  });

  it("refuses an event without a destination", () => {
    expect(() => outboxInsert(db, event("nowhere"), [])).toThrow(RangeError);
  });
});

describe("flushing the outbox", () => {
  it("sends each destination its rows, oldest first, and marks them sent in one go", async () => {
    const [a, b] = queuesOf("events", "roster");
    const [e1, e2] = [event("first", 1), event("second", 2)];
    await db.batch([outboxInsert(db, e1, [a!, b!])]);
    await db.batch([outboxInsert(db, e2, [a!])]);
    const [toA, toB] = [recorder(), recorder()];
    expect(await flushOutbox(db, { [a!]: toA, [b!]: toB }, { service: "kit" })).toEqual({ sent: 3, failed: 0 });
    expect(toA.batches).toEqual([[e1, e2]]);
    expect(toB.batches).toEqual([[e1]]);
    expect((await rowsOf(a!)).every((r) => typeof r.sentAt === "number")).toBe(true);
    expect(await flushOutbox(db, { [a!]: toA, [b!]: toB }, { service: "kit" })).toEqual({ sent: 0, failed: 0 });
  });

  it("leaves a failed destination's rows for the next flush without holding back the other", async () => {
    const [a, b] = queuesOf("events", "roster");
    const e = event("split");
    await db.batch([outboxInsert(db, e, [a!, b!])]);
    const toB = recorder();
    expect(await flushOutbox(db, { [a!]: broken, [b!]: toB }, { service: "kit" })).toEqual({ sent: 1, failed: 1 });
    expect(toB.batches).toEqual([[e]]);
    expect(await rowsOf(a!)).toMatchObject([{ id: e.id, sentAt: null }]);
    // The cron's flush: the failed destination gets the event once, the other is not sent it again.
    const [retryA, againB] = [recorder(), recorder()];
    expect(await flushOutbox(db, { [a!]: retryA, [b!]: againB }, { service: "kit" })).toEqual({ sent: 1, failed: 0 });
    expect(retryA.batches).toEqual([[e]]);
    expect(againB.batches).toEqual([]);
  });

  it("resends, with the same event id, what was sent but not marked (at least once)", async () => {
    const [q] = queuesOf("events");
    const e = event("crash");
    await db.batch([outboxInsert(db, e, [q!])]);
    const first = recorder();
    await flushOutbox(db, { [q!]: first }, { service: "kit" });
    await db.update(outbox).set({ sentAt: null }).where(eq(outbox.queue, q!)); // the mark lost to a crash
    const second = recorder();
    await flushOutbox(db, { [q!]: second }, { service: "kit" });
    expect(second.batches).toEqual(first.batches);
    expect((second.batches[0]![0] as EventEnvelope).id).toBe(e.id);
  });

  it("sends in batches of 100, as many rounds as allowed", async () => {
    const [q] = queuesOf("events");
    const events = Array.from({ length: 150 }, (_, i) => event("many", i));
    await db.batch([outboxInsert(db, events[0]!, [q!]), ...events.slice(1).map((e) => outboxInsert(db, e, [q!]))]);
    const once = recorder();
    expect(await flushOutbox(db, { [q!]: once }, { service: "kit", maxRounds: 1 })).toEqual({ sent: 100, failed: 0 });
    const rest = recorder();
    expect(await flushOutbox(db, { [q!]: rest }, { service: "kit" })).toEqual({ sent: 50, failed: 0 });
    expect([once, rest].map((r) => r.batches.map((b) => b.length))).toEqual([[100], [50]]);
    const unsent = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.queue, q!), isNull(outbox.sentAt)));
    expect(unsent).toEqual([]);
  });

  it("after a write, logs a flush that fails and never fails the write", async () => {
    const down = drizzle({
      prepare: () => {
        throw new Error("D1 unavailable");
      },
    } as unknown as D1Database);
    await expect(flushAfterWrite(down, { events: recorder() }, { service: "kit" })).resolves.toBeUndefined();
  });
});
