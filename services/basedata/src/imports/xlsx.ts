import { Unzip, UnzipInflate, type UnzipFile } from "fflate";
import type { SourceRecord } from "./csv";

/**
 * XLSX (Office Open XML, ECMA-376) read as a stream: the workbook is a zip, its first worksheet an XML file whose
 * cells name their shared strings by index. Two passes over the stored file, so that nothing but the shared strings
 * is ever whole in memory (a worker has 128 MB): the first inflates only the workbook, its relations and the shared
 * strings (Excel often writes them after the sheets); the second inflates the first worksheet and yields its rows
 * as they come out of the inflater.
 */
export type Bytes = () => AsyncIterable<Uint8Array>;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#")
      return String.fromCodePoint(
        name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1)),
      );
    return ENTITIES[name] ?? whole;
  });
}

/** The visible text of a rich or plain string: its <t> runs, without phonetic guides (<rPh>, 拼音/振假名). */
function textRuns(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, "");
  let out = "";
  for (const m of plain.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)) out += m[1];
  return unescapeXml(out);
}

/** An unzipper that inflates the entries `want` accepts and hands `sink` their data as it comes (synchronously). */
function unzipper(want: (name: string) => boolean, sink: (name: string, data: Uint8Array) => void): Unzip {
  const unzip = new Unzip((file: UnzipFile) => {
    if (!want(file.name)) return;
    file.ondata = (error, data) => {
      if (error) throw error;
      sink(file.name, data);
    };
    file.start();
  });
  unzip.register(UnzipInflate);
  return unzip;
}

async function unzipEntries(
  bytes: Bytes,
  want: (name: string) => boolean,
  sink: (name: string, data: Uint8Array) => void,
) {
  const unzip = unzipper(want, sink);
  for await (const chunk of bytes()) unzip.push(chunk);
  unzip.push(new Uint8Array(0), true);
}

const WORKBOOK = "xl/workbook.xml";
const WORKBOOK_RELS = "xl/_rels/workbook.xml.rels";
const SHARED = "xl/sharedStrings.xml";

/** Pass one: the shared strings and the path of the first worksheet. */
async function workbookOf(bytes: Bytes): Promise<{ shared: string[]; sheet: string }> {
  const texts = new Map<string, string>();
  const decoders = new Map<string, TextDecoder>();
  await unzipEntries(
    bytes,
    (name) => name === WORKBOOK || name === WORKBOOK_RELS || name === SHARED,
    (name, data) => {
      if (!decoders.has(name)) decoders.set(name, new TextDecoder());
      texts.set(name, (texts.get(name) ?? "") + decoders.get(name)!.decode(data, { stream: true }));
    },
  );
  const shared = [...(texts.get(SHARED) ?? "").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1]!));
  const firstId = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(texts.get(WORKBOOK) ?? "")?.[1];
  const rel = [...(texts.get(WORKBOOK_RELS) ?? "").matchAll(/<Relationship\b[^>]*>/g)]
    .map((m) => m[0])
    .find((r) => firstId && r.includes(`Id="${firstId}"`));
  const target = rel ? /Target="([^"]+)"/.exec(rel)?.[1] : undefined;
  const sheet = target ? (target.startsWith("/") ? target.slice(1) : `xl/${target}`) : "xl/worksheets/sheet1.xml";
  return { shared, sheet };
}

/** The column index (0-based) of a cell reference: "C7" → 2. */
function columnOf(ref: string): number {
  let n = 0;
  for (const ch of ref) {
    const code = ch.charCodeAt(0);
    if (code < 65 || code > 90) break;
    n = n * 26 + (code - 64);
  }
  return n - 1;
}

function cellValue(attrs: string, inner: string, shared: readonly string[]): string {
  const type = /\bt="([^"]+)"/.exec(attrs)?.[1];
  if (type === "inlineStr") return textRuns(inner);
  const v = /<v>([\s\S]*?)<\/v>/.exec(inner)?.[1] ?? "";
  if (type === "s") return shared[Number(v)] ?? "";
  return unescapeXml(v);
}

/** One <row> element as a record at its sheet row. */
function rowOf(xml: string, shared: readonly string[], fallback: number): SourceRecord {
  const at = Number(/^<row\b[^>]*\br="(\d+)"/.exec(xml)?.[1] ?? fallback);
  const values: string[] = [];
  for (const m of xml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const ref = /\br="([A-Z]+)\d+"/.exec(m[1]!)?.[1];
    const i = ref ? columnOf(ref) : values.length;
    while (values.length < i) values.push("");
    values[i] = cellValue(m[1]!, m[2] ?? "", shared);
  }
  return { at, values };
}

/** The rows of the first worksheet, in order, as the inflater produces them (pulled: one stored chunk at a time). */
export async function* xlsxRecords(bytes: Bytes): AsyncGenerator<SourceRecord> {
  const { shared, sheet } = await workbookOf(bytes);
  const decoder = new TextDecoder();
  let buffer = "";
  let pending: SourceRecord[] = [];
  let last = 0;
  const rowPattern = /<row\b[^>]*?(?:\/>|>[\s\S]*?<\/row>)/g;
  const unzip = unzipper(
    (name) => name === sheet,
    (_name, data) => {
      buffer += decoder.decode(data, { stream: true });
      rowPattern.lastIndex = 0;
      let end = 0;
      for (let m = rowPattern.exec(buffer); m; m = rowPattern.exec(buffer)) {
        const record = rowOf(m[0], shared, last + 1);
        last = record.at;
        pending.push(record);
        end = rowPattern.lastIndex;
      }
      buffer = buffer.slice(end);
    },
  );
  const take = () => {
    const out = pending;
    pending = [];
    return out;
  };
  for await (const chunk of bytes()) {
    unzip.push(chunk);
    yield* take();
  }
  unzip.push(new Uint8Array(0), true);
  yield* take();
}
