import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { sign, TOLERANCE_SECONDS, verify } from "../../src/domain/signature";
import { TEST_PLATFORM_SECRETS } from "../secrets";

const SECRETS = TEST_PLATFORM_SECRETS["test-12345"];

const enc = new TextEncoder();
const body = '{"type":"work_order.created","data":{"orderId":"A1","title":"占道"}}';
const id = "msg_2f4Kd9";
const now = 1_793_000_000;
const headersFor = async (secrets: string[], ts = now, payload = body) => ({
  id,
  timestamp: String(ts),
  signature: await sign(secrets, id, ts, payload),
});

describe("Standard Webhooks signatures", () => {
  // The reference library measures the tolerance against the clock, so the clock is set to `now`.
  beforeAll(() => vi.useFakeTimers({ now: now * 1000, toFake: ["Date"] }));
  afterAll(() => vi.useRealTimers());

  it("verifies a valid signature, and agrees with the reference implementation both ways", async () => {
    const secret = SECRETS[0] ?? "";
    const h = await headersFor([secret]);
    expect(await verify([secret], h, enc.encode(body))).toEqual({ ok: true });
    const reference = new Webhook(secret);
    expect(reference.sign(id, new Date(now * 1000), body)).toBe(h.signature);
    const theirs = reference.sign(id, new Date(now * 1000), body);
    expect(await verify([secret], { id, timestamp: String(now), signature: theirs }, enc.encode(body))).toEqual({
      ok: true,
    });
  });

  it("accepts any of several signatures, and any of several active secrets (rotation)", async () => {
    const [oldSecret = "", newSecret = ""] = SECRETS;
    const both = await headersFor([oldSecret, newSecret]);
    expect(both.signature.split(" ")).toHaveLength(2);
    expect(await verify([newSecret], both, enc.encode(body))).toEqual({ ok: true });
    expect(await verify([oldSecret], both, enc.encode(body))).toEqual({ ok: true });
    const onlyNew = await headersFor([newSecret]);
    expect(await verify([oldSecret, newSecret], onlyNew, enc.encode(body))).toEqual({ ok: true });
    const unknown = await headersFor(["whsec_" + btoa("someone-else's-secret-bytes")]);
    expect(await verify([oldSecret, newSecret], unknown, enc.encode(body))).toEqual({
      ok: false,
      reason: "no_matching_signature",
    });
  });

  it("refuses one flipped byte of the body or of the signature", async () => {
    const h = await headersFor(SECRETS);
    const bytes = enc.encode(body);
    bytes[10] = (bytes[10] ?? 0) ^ 0x01;
    expect(await verify(SECRETS, h, bytes)).toMatchObject({ ok: false, reason: "no_matching_signature" });
    const sig = h.signature.split(" ")[0] ?? "";
    const flipped = sig.slice(0, 5) + (sig[5] === "A" ? "B" : "A") + sig.slice(6);
    expect(await verify(SECRETS, { ...h, signature: flipped }, enc.encode(body))).toMatchObject({ ok: false });
  });

  it("refuses a re-serialised body (same JSON, other bytes)", async () => {
    const h = await headersFor(SECRETS);
    const reserialised = JSON.stringify(JSON.parse(body), null, 2);
    expect(JSON.parse(reserialised)).toEqual(JSON.parse(body));
    expect(await verify(SECRETS, h, enc.encode(reserialised))).toMatchObject({
      ok: false,
      reason: "no_matching_signature",
    });
  });

  it("accepts a timestamp just inside the tolerance either way and refuses one just outside", async () => {
    for (const skew of [TOLERANCE_SECONDS, -TOLERANCE_SECONDS]) {
      expect(await verify(SECRETS, await headersFor(SECRETS, now + skew), enc.encode(body))).toEqual({ ok: true });
    }
    for (const skew of [TOLERANCE_SECONDS + 1, -TOLERANCE_SECONDS - 1]) {
      expect(await verify(SECRETS, await headersFor(SECRETS, now + skew), enc.encode(body))).toEqual({
        ok: false,
        reason: "timestamp_out_of_tolerance",
      });
    }
  });

  it("refuses missing headers, a malformed timestamp, and a header with no v1 signature", async () => {
    const h = await headersFor(SECRETS);
    for (const missing of ["id", "timestamp", "signature"] as const) {
      expect(await verify(SECRETS, { ...h, [missing]: undefined }, enc.encode(body))).toEqual({
        ok: false,
        reason: "missing_headers",
      });
    }
    expect(await verify(SECRETS, { ...h, timestamp: "12.5" }, enc.encode(body))).toMatchObject({
      reason: "bad_timestamp",
    });
    expect(
      await verify(SECRETS, { ...h, signature: h.signature.replaceAll("v1,", "v2,") }, enc.encode(body)),
    ).toMatchObject({ reason: "no_matching_signature" });
    expect(await verify([], h, enc.encode(body))).toMatchObject({ reason: "no_secrets" });
  });
});
