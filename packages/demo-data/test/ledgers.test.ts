import { describe, expect, it } from "vitest";
import { generateBaseData } from "../src";
import { householdNumber, LEDGER_COLUMNS, ledgerFiles, ledgerRows } from "../src/basedata/ledgers";
import type { VillageLedger } from "../src/basedata/types";
import { defaultCity, sha256 } from "./helpers";

// The round trip of these files through the importer's own parsing and mapping is
// services/basedata/test/node/demo-ledgers.test.ts; here: their shape and what the importer relies on.
const data = generateBaseData(defaultCity());
const files = ledgerFiles(data);
/** A one-village ledger of the given changes, to put the writer's edge cases to it. */
const ledgerOf = (change: VillageLedger["changes"][number], recordId: string): VillageLedger => ({
  villageCode: "440703002101",
  townshipCode: "440703002000",
  gridCodes: [],
  changes: [change],
  recordIds: [recordId],
});
const lines = (csv: string) =>
  csv
    .replace(/^\uFEFF/, "")
    .trimEnd()
    .split("\r\n");

describe("the demo base data as CSV ledgers", () => {
  it("are the same files for the same data: a marker keyed by their hash holds until the generator changes", () => {
    expect(sha256(ledgerFiles(generateBaseData(defaultCity())))).toBe(sha256(files));
  });

  it("open in Excel as UTF-8 (BOM), the columns the importer names on the first line, one line per row", () => {
    for (const f of files) {
      expect(f.csv.startsWith("\uFEFF")).toBe(true);
      const [header, ...rows] = lines(f.csv);
      expect(header).toBe(LEDGER_COLUMNS[f.kind].join(","));
      expect(rows).toHaveLength(f.rows);
    }
  });

  it("by village: the same rows in one file per kind per village", () => {
    const byVillage = ledgerFiles(data, "village");
    expect(byVillage).toHaveLength(4 * data.ledgers.length);
    for (const kind of ["addresses", "houses", "units", "people"] as const) {
      const rows = byVillage.filter((f) => f.kind === kind).flatMap((f) => lines(f.csv).slice(1));
      expect(rows).toEqual(lines(files.find((f) => f.kind === kind)!.csv).slice(1));
    }
    expect(new Set(byVillage.map((f) => f.fileName)).size).toBe(byVillage.length);
  });

  it("give every address a full text unique in its village, and each household its own 户号", () => {
    for (const ledger of data.ledgers) {
      const rows = ledgerRows(ledger);
      const texts = rows.addresses.map((r) => r.slice(1, 6).join(""));
      expect(new Set(texts).size, ledger.villageCode).toBe(texts.length);
      for (const r of [...rows.houses.map((h) => h[1]), ...rows.people.map((p) => p[8])])
        expect(texts, ledger.villageCode).toContain(r);
      const heads = rows.people.filter((p) => p[7] === "户主").map((p) => p[1]);
      expect(new Set(heads).size).toBe(heads.length);
    }
    expect(householdNumber("hh-440703002101-000042")).toBe("002101000042");
  });

  it("quote a cell with a comma or a quote (RFC 4180)", () => {
    const ledger = ledgerOf({ kind: "address.create", level: "road", name: '兴华路,"北"' }, "ad-440703002101-000001");
    const [addresses] = ledgerFiles({ ...data, ledgers: [ledger] });
    expect(lines(addresses!.csv)[1]).toBe('440703002101,"兴华路,""北""",,,,,,');
  });

  it("refuse a change no ledger column holds", () => {
    const ledger = ledgerOf(
      { kind: "person.death", personId: "pe-440703002101-000001", date: "2026-11-01" },
      "pe-440703002101-000001",
    );
    expect(() => ledgerRows(ledger)).toThrow(/person.death/);
  });
});
