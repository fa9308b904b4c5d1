/**
 * Ledger files come in UTF-8 (with or without a BOM, as Excel writes "CSV UTF-8") or in GBK, which Excel and WPS
 * on Chinese Windows still write for plain "CSV". The first bytes decide: valid UTF-8 is read as UTF-8, anything
 * else as GBK (a GBK file's Chinese header is never valid UTF-8).
 */
const SNIFF_BYTES = 64 * 1024;

export type TextEncodingName = "utf-8" | "gbk";

export function sniffEncoding(head: Uint8Array): TextEncodingName {
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(head, { stream: true });
    return "utf-8";
  } catch {
    return "gbk";
  }
}

/** Thrown when a file that began as UTF-8 stops being it; the validation reports it against the file. */
export class Unreadable extends Error {}

/** The text of a byte stream, piece by piece, in the encoding its first bytes show; the BOM is dropped. */
export async function* textOf(bytes: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const head: Uint8Array[] = [];
  let size = 0;
  let decoder: TextDecoder | null = null;
  const decode = (chunk: Uint8Array, stream: boolean) => {
    try {
      return decoder!.decode(chunk, { stream });
    } catch {
      throw new Unreadable("the file is neither UTF-8 nor GBK text");
    }
  };
  for await (const chunk of bytes) {
    if (!decoder) {
      head.push(chunk);
      size += chunk.length;
      if (size < SNIFF_BYTES) continue;
      const joined = concat(head);
      decoder = new TextDecoder(sniffEncoding(joined), { fatal: true, ignoreBOM: false });
      yield decode(joined, true);
      continue;
    }
    yield decode(chunk, true);
  }
  if (!decoder) {
    const joined = concat(head);
    decoder = new TextDecoder(sniffEncoding(joined), { fatal: true, ignoreBOM: false });
    yield decode(joined, false);
  } else yield decode(new Uint8Array(0), false);
}

export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
