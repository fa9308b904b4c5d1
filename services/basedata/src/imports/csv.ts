import Papa from "papaparse";

/** A record of the file with its position: the line of a CSV record, the sheet row of an XLSX row (1-based). */
export interface SourceRecord {
  at: number;
  values: string[];
}

/** Index just past the last line break outside quotes (RFC 4180: a quoted field may hold line breaks), or -1. */
function lastBreak(text: string): number {
  let quoted = false;
  let last = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 34) quoted = !quoted;
    else if (ch === 10 && !quoted) last = i;
  }
  return last;
}

/**
 * The records of a CSV text stream, parsed by papaparse a batch of whole records at a time, so that a 50 MB file
 * is never one string: each piece is cut at its last line break outside quotes and the rest waits for the next.
 * The delimiter (comma, tab, semicolon) is detected on the first batch and kept.
 */
export async function* csvRecords(text: AsyncIterable<string>): AsyncGenerator<SourceRecord> {
  let rest = "";
  let at = 0;
  let delimiter: string | undefined;
  const parse = (batch: string) => {
    const result = Papa.parse<string[]>(batch.replace(/\r$/, ""), { delimiter, skipEmptyLines: false });
    delimiter ??= result.meta.delimiter;
    return result.data.map((values) => ({ at: ++at, values }));
  };
  for await (const piece of text) {
    rest += piece;
    const cut = lastBreak(rest);
    if (cut < 0) continue;
    const batch = rest.slice(0, cut);
    rest = rest.slice(cut + 1);
    yield* parse(batch);
  }
  if (rest.replace(/\r?\n?$/, "") !== "") yield* parse(rest);
}
