import {
  maskName,
  type HouseholdView,
  type PersonHit,
  type PersonView,
  type TagKindCode,
  type TagView,
} from "@civicgrid/contracts";
import { and, asc, eq, inArray, isNull, like, or } from "drizzle-orm";
import type { VillageDb } from "../db";
import { households, people, residences, tags } from "../schema";
import { personRow, type PersonRow } from "./records";

const tagView = (t: typeof tags.$inferSelect): TagView => ({
  id: t.id,
  kind: t.kind as TagKindCode,
  reason: t.reason,
  source: t.source,
  start: t.start,
  end: t.end,
  endReason: t.endReason,
});

/** A person as answers show them: identity and phone masked, the birth year only, every tag (the route filters). */
export function viewOf(db: VillageDb, villageCode: string, p: PersonRow): PersonView {
  return {
    id: p.id,
    villageCode,
    gridCode: p.gridCode,
    document: p.document,
    idNumber: p.idMasked,
    name: p.name,
    gender: p.gender,
    birthYear: p.birthDate ? Number(p.birthDate.slice(0, 4)) : null,
    personType: p.personType,
    nationality: p.nationality,
    phone: p.phoneMasked,
    householdId: p.householdId,
    relation: p.relation as PersonView["relation"],
    status: p.status,
    goneOn: p.goneOn,
    destination: p.destination,
    residences: db
      .select({ houseId: residences.houseId, mode: residences.mode, since: residences.since, until: residences.until })
      .from(residences)
      .where(eq(residences.personId, p.id))
      .orderBy(asc(residences.seq))
      .all(),
    tags: db.select().from(tags).where(eq(tags.personId, p.id)).orderBy(asc(tags.id)).all().map(tagView),
    version: p.version,
  };
}

export function personView(db: VillageDb, villageCode: string, id: string): PersonView | null {
  const row = personRow(db, id);
  return row ? viewOf(db, villageCode, row) : null;
}

/** A household and its members, names and identities masked. */
export function householdView(db: VillageDb, villageCode: string, id: string): HouseholdView | null {
  const h = db.select().from(households).where(eq(households.id, id)).get();
  if (!h) return null;
  const members = db.select().from(people).where(eq(people.householdId, id)).orderBy(asc(people.id)).all();
  return {
    id: h.id,
    villageCode,
    number: h.number,
    addressId: h.addressId,
    headPersonId: h.headPersonId,
    members: members.map((m) => ({
      personId: m.id,
      name: maskName(m.name),
      idNumber: m.idMasked,
      relation: m.relation as PersonView["relation"],
      status: m.status,
    })),
  };
}

/** What a search asks of one village; every filter given must hold. */
export interface VillageSearch {
  /** Only people of these grids (a grid worker's, or the grid asked for); null: the whole village. */
  grids: string[] | null;
  /** Exact keyed hashes (identity, phone or name), from the request. */
  idHash?: string;
  phoneHash?: string;
  nameHash?: string;
  /** Within one village: names starting with this text (or equal to it through nameHash). */
  namePrefix?: string;
  tag?: TagKindCode;
  /** Only people carrying an open tag of one of these kinds (a department reads only the groups it owns). */
  anyOpenTag?: TagKindCode[];
  status?: PersonRow["status"];
  limit: number;
}

/** People of the village matching the search, masked, with their open tag kinds (the route filters by viewer). */
export function searchVillage(db: VillageDb, villageCode: string, q: VillageSearch): PersonHit[] {
  const tagged = (kinds: readonly string[]) =>
    db
      .selectDistinct({ id: tags.personId })
      .from(tags)
      .where(and(inArray(tags.kind, [...kinds]), isNull(tags.end)));
  const name =
    q.namePrefix !== undefined
      ? or(
          q.nameHash ? eq(people.nameHash, q.nameHash) : undefined,
          like(people.name, `${q.namePrefix.replace(/[%_]/g, "")}%`),
        )
      : q.nameHash
        ? eq(people.nameHash, q.nameHash)
        : undefined;
  const rows = db
    .select()
    .from(people)
    .where(
      and(
        q.grids ? inArray(people.gridCode, q.grids) : undefined,
        q.idHash ? eq(people.idHash, q.idHash) : undefined,
        q.phoneHash ? eq(people.phoneHash, q.phoneHash) : undefined,
        name,
        q.tag ? inArray(people.id, tagged([q.tag])) : undefined,
        q.anyOpenTag ? inArray(people.id, tagged(q.anyOpenTag)) : undefined,
        q.status ? eq(people.status, q.status) : undefined,
      ),
    )
    .orderBy(asc(people.id))
    .limit(q.limit)
    .all();
  return rows.map((p) => ({
    id: p.id,
    villageCode,
    gridCode: p.gridCode,
    name: maskName(p.name),
    idNumber: p.idMasked,
    gender: p.gender,
    personType: p.personType,
    status: p.status,
    tags: db
      .select({ kind: tags.kind })
      .from(tags)
      .where(and(eq(tags.personId, p.id), isNull(tags.end)))
      .all()
      .map((t) => t.kind as TagKindCode),
  }));
}
