import type { Visit } from "@civicgrid/contracts";
import { and, desc, eq, gte, inArray, lt, lte } from "drizzle-orm";
import type { VillageDb } from "../db";
import { visits } from "../schema";
import { visitView } from "./view";

export interface VisitFilter {
  /** The grids the reader may see (null: every grid of the village). */
  grids: string[] | null;
  gridCode?: string | undefined;
  targetId?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  /** Keyset: visits recorded before this id. */
  before?: string | undefined;
  limit: number;
}

/** A village's visits, newest recorded first (ids follow the order of recording). */
export function listVisits(db: VillageDb, villageCode: string, f: VisitFilter): Visit[] {
  return db
    .select()
    .from(visits)
    .where(
      and(
        f.grids === null ? undefined : inArray(visits.gridCode, f.grids),
        f.gridCode ? eq(visits.gridCode, f.gridCode) : undefined,
        f.targetId ? eq(visits.targetId, f.targetId) : undefined,
        f.from ? gte(visits.visitedAt, new Date(f.from).toISOString()) : undefined,
        f.to ? lte(visits.visitedAt, new Date(f.to).toISOString()) : undefined,
        f.before ? lt(visits.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(visits.id))
    .limit(f.limit)
    .all()
    .map((row) => visitView(row, villageCode));
}

export function visitOf(db: VillageDb, villageCode: string, id: string): Visit | null {
  const row = db.select().from(visits).where(eq(visits.id, id)).get();
  return row ? visitView(row, villageCode) : null;
}
