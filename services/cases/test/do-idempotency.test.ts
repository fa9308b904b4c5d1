import { principals } from "@civicgrid/testing";
import type { CaseArchive, CaseView } from "@civicgrid/contracts";
import { env } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { act, call, key, report } from "./helpers";

const stub = (id: string) => env.CASE.get(env.CASE.idFromName(id));
const eventCount = async (id: string) =>
  (await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>()).events.length;

/**
 * The case's DO keeps a command's Idempotency-Key in the storage transaction of its effect and writes nothing
 * before it: there is no "in flight" claim that could outlive a crashed request, so no retry ever waits on one.
 */
describe("Idempotency-Key in the case's Durable Object", () => {
  it("a command that crashed before its commit left no claim: the retry with the same key performs it once", async () => {
    const c = await report(principals.gridWorker);
    const k = key();
    // The crash: the DO dies inside the command's storage transaction (the key is written last, with the effect).
    await runInDurableObject(stub(c.id), (instance) => {
      const store = (instance as unknown as { store: { saveCommand: () => void } }).store;
      store.saveCommand = () => {
        throw new Error("killed mid-command");
      };
    });
    const crashed = await act(principals.gridWorker, c, "verify", { note: "属实" }, { "idempotency-key": k });
    expect(crashed.status).toBe(500);
    expect(await eventCount(c.id)).toBe(1);
    const retry = await act(principals.gridWorker, c, "verify", { note: "属实" }, { "idempotency-key": k });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBeNull();
    expect((await retry.json<CaseView>()).version).toBe(2);
    expect(await eventCount(c.id)).toBe(2);
  });

  it("an answer lost after the commit is replayed to the retry, whatever version it read before", async () => {
    const c = await report(principals.gridWorker);
    const k = key();
    expect((await act(principals.gridWorker, c, "verify", {}, { "idempotency-key": k })).status).toBe(200);
    // The retry still sends the If-Match it read before the first attempt: it gets the first answer, not a 412.
    const retry = await act(principals.gridWorker, c, "verify", {}, { "idempotency-key": k });
    expect(retry.status).toBe(200);
    expect(retry.headers.get("idempotent-replayed")).toBe("true");
    expect(retry.headers.get("etag")).toBe('"v2"');
    expect(await eventCount(c.id)).toBe(2);
  });

  it("two concurrent requests with one key never answer 409 'still running': one performs, the other replays", async () => {
    const c = await report(principals.gridWorker);
    const k = key();
    const [a, b] = await Promise.all(
      [0, 1].map(() => act(principals.gridWorker, c, "verify", {}, { "idempotency-key": k })),
    );
    expect([a!.status, b!.status]).toEqual([200, 200]);
    expect([a!.headers.get("idempotent-replayed"), b!.headers.get("idempotent-replayed")].sort()).toEqual([
      null,
      "true",
    ]);
    expect(await eventCount(c.id)).toBe(2);
  });
});
