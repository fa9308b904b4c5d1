import { baseDataId, Change, type BaseDataKind, type ChangeKind } from "@civicgrid/contracts";
import { generateBaseData, generateCity } from "@civicgrid/demo-data";
import { beforeAll, describe, expect, it } from "vitest";
// The demo package exports only its root; its ledger writer is read from its source, as npm run dev reads it.
import { ledgerFiles, type LedgerFile } from "@civicgrid/demo-data";
import { addressKey, normaliseAddressText } from "../../src/domain/normalise";
import { csvRecords } from "../../src/imports/csv";
import type { PlannedChange, PlannedRow } from "../../src/imports/plan";
import { validateRecords } from "../../src/imports/validate";

/**
 * The demo township's CSV ledgers (what `npm run dev` uploads) through the importer's own parsing, header layout,
 * row mapping and validation, then applied in order to an empty base the way the village object resolves them
 * (imports/resolve.ts: addresses by their normalised full text, the house at an address, households by 户号, an
 * address level found before it is created): every record comes out as the generator's change, with its id.
 */
const TODAY = "2026-12-01";
const data = generateBaseData(generateCity());
const files = ledgerFiles(data);
const CREATES: Partial<Record<ChangeKind, BaseDataKind>> = {
  "address.create": "address",
  "house.upsert": "house",
  "unit.create": "unit",
  "person.register": "person",
  "tag.add": "tag",
};

async function* once(text: string) {
  yield text;
}

async function plannedRows(file: LedgerFile): Promise<PlannedRow[]> {
  const rows: PlannedRow[] = [];
  const input = { kind: file.kind, division: file.divisionCode, township: true, today: TODAY, fileName: file.fileName };
  const sink = { put: async (_: number, __: string, chunk: PlannedRow[]) => void rows.push(...chunk) };
  const result = await validateRecords(csvRecords(once(file.csv.replace(/^\uFEFF/, ""))), input, sink);
  expect(result.errors, file.fileName).toEqual([]);
  expect(result.rows).toBe(file.rows);
  return rows;
}

/** A base with no records, applied to as the village object does: per-kind sequences, lookups by text and 户号. */
class Base {
  private readonly next = new Map<string, number>();
  private readonly addressByKey = new Map<string, string>();
  private readonly keyOf = new Map<string, string>();
  private readonly houseAt = new Map<string, string>();
  private readonly households = new Map<string, string>();
  readonly created: { id: string; change: Change }[] = [];

  constructor(private readonly village: string) {}

  private take(kind: BaseDataKind): string {
    const seq = (this.next.get(kind) ?? 0) + 1;
    this.next.set(kind, seq);
    return baseDataId(kind, this.village, seq);
  }

  private target(ref: PlannedChange["refs"][number], made: readonly string[]): unknown {
    const t = ref.target;
    if (t.to === "created") return made[t.index];
    if (t.to === "household")
      return this.households.has(t.number) ? { householdId: this.households.get(t.number) } : undefined;
    const address = this.addressByKey.get(normaliseAddressText(t.text).replaceAll("/", ""));
    if (!address) throw new Error(`${ref.column}: no address ${t.text}`);
    return t.to === "address" ? address : this.houseAt.get(address);
  }

  apply(row: PlannedRow): void {
    const made: string[] = [];
    for (const planned of row.changes) {
      const change = structuredClone(planned.change) as Record<string, unknown>;
      for (const ref of planned.refs) {
        const value = this.target(ref, made);
        if (value === undefined) continue;
        const [head, tail] = ref.path.split(".") as [string, string | undefined];
        if (tail) (change[head] as Record<string, unknown>)[tail] = value;
        else change[head] = value;
      }
      made.push(this.create(change as unknown as Change, planned.ensure === true));
    }
  }

  private create(change: Change, ensure: boolean): string {
    if (change.kind === "address.create") {
      const key = addressKey(change.parentId ? this.keyOf.get(change.parentId)! : null, change.name);
      const found = this.addressByKey.get(key.replaceAll("/", ""));
      if (ensure && found) return found;
      const id = this.take("address");
      this.addressByKey.set(key.replaceAll("/", ""), id);
      this.keyOf.set(id, key);
      this.created.push({ id, change });
      return id;
    }
    const id = this.take(CREATES[change.kind]!);
    if (change.kind === "house.upsert") this.houseAt.set(change.addressId, id);
    if (change.kind === "person.register" && "newHousehold" in change.household)
      this.households.set(change.household.newHousehold.number!, this.take("household"));
    this.created.push({ id, change });
    return id;
  }
}

describe("the demo township's CSV ledgers through the importer", () => {
  const bases = new Map(data.ledgers.map((l) => [l.villageCode, new Base(l.villageCode)]));

  beforeAll(async () => {
    for (const file of files) for (const row of await plannedRows(file)) bases.get(row.villageCode)!.apply(row);
  });

  it("are one file per kind, addresses first, one row per address, house, unit and person", () => {
    expect(files.map((f) => f.fileName)).toEqual(
      ["addresses", "houses", "units", "people"].map((k) => `${data.townshipCode}-${k}.csv`),
    );
    expect(files.map((f) => f.rows)).toEqual([
      data.counts.addresses,
      data.counts.houses,
      data.counts.units,
      data.counts.people,
    ]);
  });

  it("create every record of the generated ledgers with its predicted id, field for field", () => {
    for (const ledger of data.ledgers) {
      const expected = ledger.changes
        .map((change, i) => ({ id: ledger.recordIds[i]!, change: Change.parse(change) }))
        .filter((e) => e.change.kind !== "tag.add");
      const got = bases.get(ledger.villageCode)!.created.filter((e) => e.change.kind !== "tag.add");
      // A ledger's 户号 starts the household the generator started without a number.
      const withoutNumber = got.map(({ id, change }) =>
        change.kind === "person.register" && "newHousehold" in change.household
          ? { id, change: { ...change, household: { newHousehold: {} } } }
          : { id, change },
      );
      expect(withoutNumber, ledger.villageCode).toEqual(expected);
    }
  });

  it("tag each person with the generated tag kinds, starting on the day of the import", () => {
    for (const ledger of data.ledgers) {
      const pairs = (changes: readonly Change[]) =>
        changes.flatMap((c) => (c.kind === "tag.add" ? [`${c.personId} ${c.tagKind}`] : [])).sort();
      const got = bases.get(ledger.villageCode)!.created.map((e) => e.change);
      expect(pairs(got)).toEqual(pairs(ledger.changes));
      for (const c of got) if (c.kind === "tag.add") expect(c).toMatchObject({ start: TODAY, reason: "台账导入" });
    }
    expect(data.counts.tags).toBeGreaterThan(0);
  });
});
