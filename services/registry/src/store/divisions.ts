import type { Division, PublicDivision } from "@civicgrid/contracts";
import { and, asc, eq, gt, isNull, like, ne, sql } from "drizzle-orm";
import { atVersion, guard, inJson, type Db, type Statement } from "./db";
import { registryEvent, registryOutbox } from "./outbox";
import { divisions } from "./schema";

export type DivisionRow = typeof divisions.$inferSelect;

/** The API's Division is the row's own columns; lists leave the boundary out unless asked. */
const COLUMNS = {
  code: divisions.code,
  name: divisions.name,
  level: divisions.level,
  parentCode: divisions.parentCode,
  urban: divisions.urban,
  boundary: divisions.boundary,
  version: divisions.version,
};
const WITHOUT_BOUNDARY = { ...COLUMNS, boundary: sql<null>`NULL` };

export function divisionByCode(db: Db, code: string): Promise<Division | undefined> {
  return db.select(COLUMNS).from(divisions).where(eq(divisions.code, code)).get();
}

/** The named divisions on file, without boundaries. */
export function divisionsIn(db: Db, codes: readonly string[]): Promise<Division[]> {
  return db.select(WITHOUT_BOUNDARY).from(divisions).where(inJson(divisions.code, codes));
}

/** Divisions under a prefix, by code after `after` (of one level, children of `parent` only, when asked). */
export function subtree(
  db: Db,
  q: {
    prefix: string;
    root: string;
    after: string;
    level?: Division["level"] | undefined;
    childrenOnly: boolean;
    limit: number;
    boundaries: boolean;
  },
): Promise<Division[]> {
  return db
    .select(q.boundaries ? COLUMNS : WITHOUT_BOUNDARY)
    .from(divisions)
    .where(
      and(
        like(divisions.code, `${q.prefix}%`),
        ne(divisions.code, q.root),
        gt(divisions.code, q.after),
        q.level ? eq(divisions.level, q.level as DivisionRow["level"]) : undefined,
        q.childrenOnly ? eq(divisions.parentCode, q.root) : undefined,
      ),
    )
    .orderBy(asc(divisions.code))
    .limit(q.limit);
}

const changedEvent = (db: Db, code: string, version: number, action: "created" | "updated") =>
  registryOutbox(db, registryEvent("registry.division.changed", code, version, { divisionCode: code, action }));

/** A new division and its event, for one batch. */
export function createDivision(db: Db, division: typeof divisions.$inferInsert): Statement[] {
  return [db.insert(divisions).values(division), changedEvent(db, division.code, 1, "created")];
}

/** A division's new name, urban flag or boundary at the next version, guarded on the version read. */
export function updateDivision(
  db: Db,
  before: Division,
  patch: Pick<DivisionRow, "name" | "urban" | "boundary" | "updatedAt">,
): Statement[] {
  return [
    guard(db, atVersion(divisions, divisions.code, before.code, divisions.version, before.version)),
    db
      .update(divisions)
      .set({ ...patch, version: sql`${divisions.version} + 1` })
      .where(eq(divisions.code, before.code)),
    changedEvent(db, before.code, before.version + 1, "updated"),
  ];
}

/** The divisions directly under a parent (the top-level cities for null), by code after `after`: public facts only. */
export function childrenOf(db: Db, parentCode: string | null, after: string, limit: number): Promise<PublicDivision[]> {
  return db
    .select({ code: divisions.code, name: divisions.name, level: divisions.level, parentCode: divisions.parentCode })
    .from(divisions)
    .where(
      and(
        parentCode === null ? isNull(divisions.parentCode) : eq(divisions.parentCode, parentCode),
        gt(divisions.code, after),
      ),
    )
    .orderBy(asc(divisions.code))
    .limit(limit);
}
