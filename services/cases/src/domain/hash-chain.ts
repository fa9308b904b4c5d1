/** JSON with object keys sorted at every level, so the same event always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export const GENESIS_HASH = "0".repeat(64);

/** The link of one event: SHA-256(previous hash + canonical JSON of the event), hex. */
export async function chainHash(prevHash: string, event: unknown): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(prevHash + canonicalJson(event)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Walks the chain: valid, or the version of the first event whose link does not hold. */
export async function verifyChain(events: { version: number; prevHash: string; hash: string; body: unknown }[]): Promise<{ valid: boolean; events: number; brokenAt?: number }> {
  let prev = GENESIS_HASH;
  for (const event of events) {
    if (event.prevHash !== prev || (await chainHash(prev, event.body)) !== event.hash) return { valid: false, events: events.length, brokenAt: event.version };
    prev = event.hash;
  }
  return { valid: true, events: events.length };
}
