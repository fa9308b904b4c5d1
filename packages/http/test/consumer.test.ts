import { EventEnvelope } from "@civicgrid/contracts";
import { watchedBatch } from "@civicgrid/testing";
import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { consumeEventBatch, consumeEvents, retryDelaySeconds } from "../src";

// One policy for every event consumer (issue 13 item 4): unreadable messages reach the dead-letter queue,
// failures back off, each message is settled on its own.
const QUEUE = "civicgrid-test-events";
const envelope = (id: string, type = "test.noted", data: Record<string, unknown> = {}): EventEnvelope => ({
  id,
  type,
  source: "kit",
  aggregateId: "a",
  version: 1,
  occurredAt: "2026-05-01T00:00:00Z",
  data,
});

function batchOf(bodies: unknown[], attempts = 1) {
  const messages = bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts, body }));
  return { batch: createMessageBatch(QUEUE, messages), ctx: createExecutionContext() };
}

/** A consumer of `test.noted` events whose data is `{ n: number }`; other types are not its own. */
const Noted = z.object({ n: z.number() });
function readNoted(body: unknown) {
  const event = EventEnvelope.parse(body);
  return event.type === "test.noted" ? { id: event.id, ...Noted.parse(event.data) } : null;
}

afterEach(() => vi.restoreAllMocks());

describe("consumeEvents", () => {
  it("hands every readable event to the handler and acknowledges it", async () => {
    const { batch, ctx } = batchOf([envelope("e1"), envelope("e2")]);
    const seen: string[] = [];
    await consumeEvents(batch, { service: "kit", handle: async (event) => void seen.push(event.id) });
    const result = await getQueueResult(batch, ctx);
    expect(seen).toEqual(["e1", "e2"]);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1"]);
    expect(result.retryMessages).toEqual([]);
  });

  it("retries an unreadable message at once, so that it ends in the dead-letter queue, and logs no body", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { batch, delays } = watchedBatch(QUEUE, [{ not: "an envelope", phone: "13800000000" }, envelope("e1")]);
    const ctx = createExecutionContext();
    const handle = vi.fn(async () => undefined);
    await consumeEvents(batch, { service: "kit", handle });
    const result = await getQueueResult(batch, ctx);
    const [unreadable, readable] = batch.messages.map((m) => m.id);
    expect(result.retryMessages).toEqual([{ msgId: unreadable }]);
    expect(delays).toEqual([undefined]);
    expect(result.explicitAcks).toEqual([readable]);
    expect(handle).toHaveBeenCalledTimes(1);
    const logged = warn.mock.calls.map((c) => String(c[0])).join("\n");
    expect(logged).toContain("unreadable event");
    expect(logged).not.toContain("13800000000");
  });

  it("acknowledges, unhandled, a message its parse says is not this consumer's", async () => {
    const { batch, ctx } = batchOf([envelope("e1", "test.other"), envelope("e2", "test.noted", { n: 2 })]);
    const handled: unknown[] = [];
    await consumeEvents(batch, { service: "kit", parse: readNoted, handle: async (e) => void handled.push(e) });
    const result = await getQueueResult(batch, ctx);
    expect(handled).toEqual([{ id: "e2", n: 2 }]);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1"]);
  });

  it("treats data its parse cannot read as unreadable", async () => {
    const { batch, ctx } = batchOf([envelope("e1", "test.noted", { n: "two" })]);
    await consumeEvents(batch, { service: "kit", parse: readNoted, handle: async () => undefined });
    expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([{ msgId: "m0" }]);
  });

  it("retries a failed message with backoff, without holding back the others", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { batch, delays } = watchedBatch(QUEUE, [envelope("bad"), envelope("good")], 3);
    const ctx = createExecutionContext();
    await consumeEvents(batch, {
      service: "kit",
      handle: async (event) => {
        if (event.id === "bad") throw new Error("D1 busy");
      },
    });
    const result = await getQueueResult(batch, ctx);
    const [bad, good] = batch.messages.map((m) => m.id);
    expect(result.retryMessages).toEqual([{ msgId: bad }]);
    expect(delays).toEqual([120]);
    expect(result.explicitAcks).toEqual([good]);
  });
});

describe("consumeEventBatch", () => {
  it("handles the readable events together and acknowledges each", async () => {
    const { batch, ctx } = batchOf([envelope("e1", "test.noted", { n: 1 }), envelope("e2", "test.other"), 42]);
    const calls: unknown[][] = [];
    await consumeEventBatch(batch, {
      service: "kit",
      parse: readNoted,
      handleAll: async (events) => void calls.push(events),
    });
    const result = await getQueueResult(batch, ctx);
    expect(calls).toEqual([[{ id: "e1", n: 1 }]]);
    expect(result.explicitAcks.sort()).toEqual(["m0", "m1"]);
    expect(result.retryMessages).toEqual([{ msgId: "m2" }]);
  });

  it("retries every handled message with backoff when the whole-batch write fails", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const { batch, delays } = watchedBatch(QUEUE, [envelope("e1"), envelope("e2")]);
    const ctx = createExecutionContext();
    await consumeEventBatch(batch, { service: "kit", handleAll: () => Promise.reject(new Error("batch failed")) });
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((r) => r.msgId)).toEqual(batch.messages.map((m) => m.id));
    expect(delays).toEqual([30, 30]);
  });

  it("calls nothing when no message is readable", async () => {
    const handleAll = vi.fn(async () => undefined);
    const { batch, ctx } = batchOf(["garbage"]);
    await consumeEventBatch(batch, { service: "kit", handleAll });
    expect(handleAll).not.toHaveBeenCalled();
    expect((await getQueueResult(batch, ctx)).retryMessages).toEqual([{ msgId: "m0" }]);
  });
});

describe("retry backoff", () => {
  it("doubles from 30 s per attempt and stops at an hour", () => {
    expect([1, 2, 3, 4, 7, 8, 20].map(retryDelaySeconds)).toEqual([30, 60, 120, 240, 1920, 3600, 3600]);
    expect(retryDelaySeconds(0)).toBe(30);
  });
});
