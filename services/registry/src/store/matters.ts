import { AdmissionItem } from "@civicgrid/contracts";
import type { ForbiddenItem, MatterAdmission, MatterChange, MatterList } from "@civicgrid/contracts";
import { and, desc, eq, lte, ne, sql } from "drizzle-orm";
import { matterOf } from "../domain/matter-change-lifecycle";
import type { Db, Statement } from "./db";
import { registryEvent, registryOutbox } from "./outbox";
import { matterListItems, matterListVersions } from "./schema";

export type ListVersionRow = typeof matterListVersions.$inferSelect;

/** The newest list version of a county in force on `date`, or when `date` is null the newest of all. */
export function listVersionOn(db: Db, countyCode: string, date: string | null): Promise<ListVersionRow | undefined> {
  return db
    .select()
    .from(matterListVersions)
    .where(
      and(
        eq(matterListVersions.countyCode, countyCode),
        date === null ? undefined : lte(matterListVersions.effectiveDate, date),
      ),
    )
    .orderBy(desc(matterListVersions.number))
    .limit(1)
    .get();
}

export function listVersion(db: Db, countyCode: string, number: number): Promise<ListVersionRow | undefined> {
  return db
    .select()
    .from(matterListVersions)
    .where(and(eq(matterListVersions.countyCode, countyCode), eq(matterListVersions.number, number)))
    .get();
}

/** Every version of a county's lists, newest first. */
export function listVersions(db: Db, countyCode: string): Promise<ListVersionRow[]> {
  return db
    .select()
    .from(matterListVersions)
    .where(eq(matterListVersions.countyCode, countyCode))
    .orderBy(desc(matterListVersions.number));
}

/** A version as the API shows it, without its items. */
export const versionOf = (v: ListVersionRow) => ({
  countyCode: v.countyCode,
  number: v.number,
  effectiveDate: v.effectiveDate,
  filedAt: v.filedAt,
  changeRequestId: v.changeRequestId,
});

/** A list version with all its items, admission and forbidden, by matter code. */
export async function listOf(db: Db, version: ListVersionRow): Promise<MatterList> {
  const rows = await db
    .select({ list: matterListItems.list, item: matterListItems.item })
    .from(matterListItems)
    .where(and(eq(matterListItems.countyCode, version.countyCode), eq(matterListItems.number, version.number)))
    .orderBy(matterListItems.matterCode);
  return {
    ...versionOf(version),
    admission: rows.filter((r) => r.list === "admission").map((r) => r.item as AdmissionItem),
    forbidden: rows.filter((r) => r.list === "forbidden").map((r) => r.item as ForbiddenItem),
  };
}

/** Which list, if any, holds a matter in a given version. */
export function itemIn(db: Db, countyCode: string, number: number, matterCode: string) {
  return db
    .select({ list: matterListItems.list, item: matterListItems.item })
    .from(matterListItems)
    .where(
      and(
        eq(matterListItems.countyCode, countyCode),
        eq(matterListItems.number, number),
        eq(matterListItems.matterCode, matterCode),
      ),
    )
    .get();
}

/**
 * "Is matter M admitted in county C on date D, and with which limits": the answer cases route and time
 * every report by. Forbidden matters carry the rule to quote when refusing.
 */
export async function matterAdmission(
  db: Db,
  countyCode: string,
  matterCode: string,
  date: string,
): Promise<MatterAdmission> {
  const version = await listVersionOn(db, countyCode, date);
  const row = version ? await itemIn(db, countyCode, version.number, matterCode) : undefined;
  return admissionAnswer(countyCode, matterCode, version?.number ?? null, row);
}

/** The answer for a matter from the list version in force (null: the county has none) and its item there, if any. */
export function admissionAnswer(
  countyCode: string,
  matterCode: string,
  listVersion: number | null,
  row: { list: "admission" | "forbidden"; item: AdmissionItem | ForbiddenItem } | null | undefined,
): MatterAdmission {
  if (listVersion === null) return { matterCode, countyCode, status: "unlisted" };
  if (!row) return { matterCode, countyCode, status: "unlisted", listVersion };
  if (row.list === "forbidden") {
    const item = row.item as ForbiddenItem;
    const category = item.categoryCode ? { categoryCode: item.categoryCode } : {};
    return { matterCode, countyCode, status: "forbidden", name: item.name, ...category, rule: item.rule, listVersion };
  }
  const item = row.item as AdmissionItem;
  return {
    matterCode,
    countyCode,
    status: "admitted",
    name: item.name,
    categoryCode: item.categoryCode,
    responsibleDepartmentKind: item.responsibleDepartmentKind,
    workerDuty: item.workerDuty,
    limits: item.limits as MatterAdmission["limits"],
    emergency: item.emergency,
    stabilityRisk: item.stabilityRisk,
    policeCall: item.policeCall,
    // Items filed before these settings existed answer their defaults.
    beforeAfterPhotos: item.beforeAfterPhotos ?? [],
    duplicates: item.duplicates ?? DEFAULT_DUPLICATES,
    listVersion,
  };
}

const DEFAULT_DUPLICATES = AdmissionItem.shape.duplicates.parse(undefined);

/**
 * The statements that file a new version of a county's lists: the previous version's items copied forward
 * (INSERT ... SELECT) without the changed matter, then the added item. Every version stays readable; the
 * event announces it.
 */
export function newListVersion(
  db: Db,
  input: {
    countyCode: string;
    previous: number;
    effectiveDate: string;
    changeRequestId: string | null;
    approvedBy: string;
    change: MatterChange;
  },
): Statement[] {
  const { countyCode, previous, effectiveDate, changeRequestId, approvedBy, change } = input;
  const number = previous + 1;
  const matterCode = matterOf(change);
  const items = matterListItems;
  const out: Statement[] = [
    db
      .insert(matterListVersions)
      .values({ countyCode, number, effectiveDate, changeRequestId, approvedBy, filedAt: new Date().toISOString() }),
    db.insert(items).select(
      db
        .select({
          countyCode: items.countyCode,
          number: sql<number>`${number}`.as("number"),
          list: items.list,
          matterCode: items.matterCode,
          item: items.item,
        })
        .from(items)
        .where(and(eq(items.countyCode, countyCode), eq(items.number, previous), ne(items.matterCode, matterCode))),
    ),
  ];
  if (change.action === "add")
    out.push(db.insert(items).values({ countyCode, number, list: change.list, matterCode, item: change.item }));
  const data = { countyCode, number, effectiveDate, changeRequestId, change };
  out.push(registryOutbox(db, registryEvent("registry.matter_list.changed", `matters:${countyCode}`, number, data)));
  return out;
}
