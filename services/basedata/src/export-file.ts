import type { ExportKind } from "@civicgrid/contracts";
import { BOM, csvLine } from "./domain/export-csv";
import { villageStub, type Env } from "./env";
import { EXPORT_COLUMNS } from "./village/export-rows";

/** Rows a village object answers at a time: a large village is read page by page. */
const PAGE = 1000;

/**
 * The CSV of an export as a stream: its heading line (who, when, why), the column names, then each village's rows a
 * page at a time as the reader takes them, so a county of a million people never sits in the worker's memory
 * (128 MB). `done` runs with the number of rows once the last one is written.
 */
export function exportFile(
  env: Env,
  input: { kind: ExportKind; villages: readonly string[]; heading: string },
  done: (rows: number) => Promise<void>,
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let village = 0;
  let after = "";
  let rows = 0;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(BOM + input.heading + csvLine(EXPORT_COLUMNS[input.kind])));
    },
    async pull(controller) {
      const code = input.villages[village];
      if (code === undefined) {
        await done(rows);
        controller.close();
        return;
      }
      const page = await villageStub(env, code).exportPage(input.kind, after, PAGE);
      rows += page.length;
      if (page.length < PAGE) [village, after] = [village + 1, ""];
      else after = String(page[page.length - 1]![0]);
      if (page.length > 0) controller.enqueue(encoder.encode(page.map(csvLine).join("")));
    },
  });
}
