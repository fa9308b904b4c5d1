import type { Address, AddressDetail, AddressLevel, PublicAddress } from "@civicgrid/contracts";
import { and, asc, count, eq, gt, inArray, sql } from "drizzle-orm";
import { normaliseAddressText } from "../../domain/normalise";
import type { VillageDb } from "../db";
import { addresses, houses } from "../schema";
import { addressView, withinGrids, type PlacePage } from "./views";

/**
 * Address text search: the query normalised as the addresses are (normalise.ts), then found through the trigram FTS5
 * table (address_fts, village-migrations/0002) when it has three characters or more — a trigram index cannot answer
 * shorter ones — and by a scan of the village's keys otherwise (a village holds a few thousand addresses).
 */
function textMatch(q: string) {
  const text = normaliseAddressText(q);
  if ([...text].length >= 3) {
    const phrase = `"${text.replaceAll('"', '""')}"`;
    return sql`${addresses}.rowid IN (SELECT rowid FROM address_fts WHERE address_fts MATCH ${phrase})`;
  }
  return sql`instr(replace(${addresses.normKey}, '/', ''), ${text}) > 0`;
}

export function listAddresses(
  db: VillageDb,
  villageCode: string,
  query: PlacePage & { parentId?: string | undefined; level?: AddressLevel | undefined; q?: string | undefined },
): Address[] {
  return db
    .select()
    .from(addresses)
    .where(
      and(
        query.gridCode ? eq(addresses.gridCode, query.gridCode) : undefined,
        query.parentId ? eq(addresses.parentId, query.parentId) : undefined,
        query.level ? eq(addresses.level, query.level) : undefined,
        query.q ? textMatch(query.q) : undefined,
        query.after ? gt(addresses.id, query.after) : undefined,
        withinGrids(addresses.gridCode, query.grids),
      ),
    )
    .orderBy(asc(addresses.id))
    .limit(query.limit)
    .all()
    .map((r) => addressView(r, villageCode));
}

export function addressDetail(db: VillageDb, villageCode: string, id: string): AddressDetail | null {
  const row = db.select().from(addresses).where(eq(addresses.id, id)).get();
  if (!row) return null;
  const [children] = db.select({ n: count() }).from(addresses).where(eq(addresses.parentId, id)).all();
  const house = db.select({ id: houses.id }).from(houses).where(eq(houses.addressId, id)).get();
  return { ...addressView(row, villageCode), childrenCount: children?.n ?? 0, houseId: house?.id ?? null };
}

/** The levels anyone may find: a door plate or a building, or a road (which lies in no one grid). */
const PUBLIC_LEVELS = ["road", "door", "building"] as const;

/**
 * A resident's search for a door plate: active roads, door numbers and buildings matching the text, the shortest
 * (closest) first, as the address and its grid only.
 */
export function publicAddresses(db: VillageDb, villageCode: string, q: string, limit: number): PublicAddress[] {
  return db
    .select({ fullName: addresses.fullName, level: addresses.level, gridCode: addresses.gridCode })
    .from(addresses)
    .where(and(eq(addresses.status, "active"), inArray(addresses.level, PUBLIC_LEVELS), textMatch(q)))
    .orderBy(sql`length(${addresses.fullName})`, asc(addresses.fullName))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, level: r.level as PublicAddress["level"], villageCode }));
}
