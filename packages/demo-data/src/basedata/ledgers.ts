/**
 * The demo base data as the CSV ledgers (台账) a county keeps and the base-data importer reads
 * (POST /v1/basedata/imports, services/basedata imports/kinds/*.ts): one sheet per kind, every row naming its
 * village, addresses by their full text, households by their number (户号), tags in 标签. Applied in the order of
 * LEDGER_KINDS to villages with no base data, they create the records of the ledgers' changes with the predicted
 * ids, tags excepted: a ledger row's tag starts on the day of the import, with the importer's own reason and source,
 * so tags take their ids person by person. They double as sample ledgers a clerk can open in Excel (UTF-8, BOM).
 */
import { baseDataId, tagKind, type Change, type ChangeOf } from "@civicgrid/contracts";
import {
  HOUSE_USE_LABELS,
  LEDGER_COLUMNS,
  LEDGER_KINDS,
  PERSON_TYPE_LABELS,
  RELATION_LABELS,
  RESIDENCE_MODE_LABELS,
  UNIT_KIND_LABELS,
  type LedgerKind,
} from "./ledgers-labels";
import type { BaseData, VillageLedger } from "./types";

export * from "./ledgers-labels";

export interface LedgerFile {
  kind: LedgerKind;
  /** The township's or the village's code: the import's townshipCode or villageCode. */
  divisionCode: string;
  fileName: string;
  csv: string;
  rows: number;
}

type Cell = string | number | undefined;
type Rows = Record<LedgerKind, Cell[][]>;
interface Place {
  names: Partial<Record<ChangeOf<"address.create">["level"], string>>;
  point: [number, number] | undefined;
}

/** 户号 of a household: the village's last six digits and the household's sequence, so it is unique in the village. */
export const householdNumber = (householdId: string): string => householdId.slice(9, 15) + householdId.slice(-6);

/** An address as a ledger writes it in full: its levels' names from the road down (建设路12号3栋2单元301房). */
const fullText = (p: Place) => Object.values(p.names).join("");
const yesNo = (b: boolean) => (b ? "是" : "否");

/** One village's ledger as rows of each sheet, in the ledger's order. */
export function ledgerRows(ledger: VillageLedger): Rows {
  const v = ledger.villageCode;
  const rows: Rows = { addresses: [], houses: [], units: [], people: [] };
  const places = new Map<string, Place>();
  const houseAt = new Map<string, string>();
  const tags = new Map<string, string[]>();
  for (const c of ledger.changes)
    if (c.kind === "tag.add") tags.set(c.personId, [...(tags.get(c.personId) ?? []), tagKind(c.tagKind).name]);
  let households = 0;
  ledger.changes.forEach((c: Change, i) => {
    const id = ledger.recordIds[i]!;
    if (c.kind === "address.create") {
      const parent = c.parentId ? places.get(c.parentId) : undefined;
      const point: Place["point"] = c.lng !== undefined && c.lat !== undefined ? [c.lng, c.lat] : parent?.point;
      const place: Place = { names: { ...parent?.names, [c.level]: c.name }, point };
      places.set(id, place);
      const n = place.names;
      rows.addresses.push([v, n.road, n.door, n.building, n.unit, n.room, point?.[0], point?.[1]]);
    } else if (c.kind === "house.upsert") {
      const at = fullText(places.get(c.addressId)!);
      houseAt.set(id, at);
      rows.houses.push([
        v,
        at,
        HOUSE_USE_LABELS[c.use],
        c.areaM2,
        c.ownerName,
        c.ownerPhone,
        yesNo(c.rented),
        c.landlordName,
        c.landlordPhone,
      ]);
    } else if (c.kind === "unit.create") {
      rows.units.push([
        v,
        c.name,
        UNIT_KIND_LABELS[c.unitKind],
        c.creditCode,
        fullText(places.get(c.addressId)!),
        c.legalRepName,
        c.legalRepPhone,
        c.safetyContactName,
        c.safetyContactPhone,
        c.staffCount,
        yesNo(c.keyPlace),
      ]);
    } else if (c.kind === "person.register") {
      const household =
        "householdId" in c.household ? c.household.householdId : baseDataId("household", v, ++households);
      rows.people.push([
        v,
        householdNumber(household),
        c.name,
        c.identity.number,
        c.identity.document === "passport" ? c.identity.nationality : undefined,
        PERSON_TYPE_LABELS[c.personType],
        c.phone,
        RELATION_LABELS[c.relation],
        houseAt.get(c.residence.houseId),
        RESIDENCE_MODE_LABELS[c.residence.mode],
        c.residence.since,
        tags.get(id)?.join("、"),
      ]);
    } else if (c.kind !== "tag.add") throw new Error(`a demo ledger holds no ${c.kind}`);
  });
  return rows;
}

/** RFC 4180: a cell with a comma, a quote or a line break is quoted, its quotes doubled. */
const cell = (value: Cell) => {
  const text = value === undefined ? "" : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csvOf = (kind: LedgerKind, rows: Cell[][]) =>
  `\uFEFF${[LEDGER_COLUMNS[kind], ...rows].map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;

/**
 * The CSV ledgers of the base data: one per kind for the whole township (by "township", what a loader uploads with
 * townshipCode=) or one per kind per village (by "village"), in LEDGER_KINDS order.
 */
export function ledgerFiles(data: BaseData, by: "township" | "village" = "township"): LedgerFile[] {
  const groups =
    by === "township"
      ? [{ code: data.townshipCode, ledgers: data.ledgers }]
      : data.ledgers.map((l) => ({ code: l.villageCode, ledgers: [l] }));
  return groups.flatMap(({ code, ledgers }) => {
    const perVillage = ledgers.map(ledgerRows);
    return LEDGER_KINDS.map((kind) => {
      const rows = perVillage.flatMap((r) => r[kind]);
      return { kind, divisionCode: code, fileName: `${code}-${kind}.csv`, csv: csvOf(kind, rows), rows: rows.length };
    });
  });
}
