import type { House, HouseCaseLink, HouseDetail } from "@civicgrid/contracts";
import { maskName } from "@civicgrid/contracts";
import { and, asc, eq, gt, gte, isNull, or } from "drizzle-orm";
import type { Actor } from "../../domain/actor";
import { chinaDay } from "../../domain/places-rules";
import type { VillageDb } from "../db";
import { recordFieldChanges } from "../history";
import { addresses, houseCases, houses, people, residences } from "../schema";
import { houseView, withinGrids, type PlacePage } from "./views";

export function listHouses(
  db: VillageDb,
  villageCode: string,
  query: PlacePage & { rented?: boolean | undefined; use?: House["use"] | undefined },
): House[] {
  return db
    .select()
    .from(houses)
    .where(
      and(
        query.gridCode ? eq(houses.gridCode, query.gridCode) : undefined,
        query.rented === undefined ? undefined : eq(houses.rented, query.rented),
        query.use ? eq(houses.use, query.use) : undefined,
        query.after ? gt(houses.id, query.after) : undefined,
        withinGrids(houses.gridCode, query.grids),
      ),
    )
    .orderBy(asc(houses.id))
    .limit(query.limit)
    .all()
    .map((r) => houseView(r, villageCode));
}

/** The people living in a house today (tenants of a rented house among them), names masked (PIPL art. 28). */
function residentsOf(db: VillageDb, houseId: string, today: string) {
  return db
    .select({ personId: people.id, name: people.name, mode: residences.mode, since: residences.since })
    .from(residences)
    .innerJoin(people, eq(people.id, residences.personId))
    .where(
      and(
        eq(residences.houseId, houseId),
        eq(people.status, "present"),
        or(isNull(residences.until), gte(residences.until, today)),
      ),
    )
    .orderBy(asc(residences.since))
    .all()
    .map((r) => ({ ...r, name: maskName(r.name) }));
}

function casesOf(db: VillageDb, houseId: string): HouseCaseLink[] {
  return db.select().from(houseCases).where(eq(houseCases.houseId, houseId)).orderBy(asc(houseCases.linkedAt)).all();
}

/** One house with its address, its current residents and the hazard cases linked to it. */
export function houseDetail(db: VillageDb, villageCode: string, id: string, now: Date): HouseDetail | null {
  const row = db.select().from(houses).where(eq(houses.id, id)).get();
  if (!row) return null;
  const address = db.select({ fullName: addresses.fullName }).from(addresses).where(eq(addresses.id, row.addressId));
  return {
    ...houseView(row, villageCode),
    addressFullName: address.get()?.fullName ?? "",
    residents: residentsOf(db, id, chinaDay(now)),
    cases: casesOf(db, id),
  };
}

/**
 * Links a hazard case to a house (a case found at it, Jiangmen 第十一条: 隐患 at a place), once: linking again answers
 * the link already kept. The link is part of the house's history.
 */
export function linkHouseCase(
  db: VillageDb,
  input: { houseId: string; caseId: string },
  actor: Actor,
  now: Date,
): { link: HouseCaseLink; created: boolean } | null {
  if (!db.select({ id: houses.id }).from(houses).where(eq(houses.id, input.houseId)).get()) return null;
  const at = now.toISOString();
  const inserted = db
    .insert(houseCases)
    .values({ ...input, linkedBy: actor.sub, linkedAt: at })
    .onConflictDoNothing()
    .returning()
    .all();
  if (inserted.length > 0)
    recordFieldChanges(db, input.houseId, {}, { caseLinked: input.caseId }, { by: actor.sub, at, source: "link" });
  const link = db
    .select()
    .from(houseCases)
    .where(and(eq(houseCases.houseId, input.houseId), eq(houseCases.caseId, input.caseId)))
    .get()!;
  return { link, created: inserted.length > 0 };
}
