import { and, between, eq, gte, sql, type SQL } from "drizzle-orm";
import { isOpen, type CaseState } from "../domain";
import type { Box } from "../nearby/area";
import type { Db } from "./db";
import { cases, openCasePoints } from "./schema";

/**
 * The projection's statements for a case's point: dropped, then written again while the case is open and has a
 * point; both only when the read model holds exactly this version (`isCurrent`), like the rest of the projection.
 */
export function openPointStatements(db: Db, s: CaseState, isCurrent: SQL) {
  const drop = db.delete(openCasePoints).where(sql`${openCasePoints.caseId} = ${s.id} AND ${isCurrent}`);
  if (!isOpen(s.status) || !s.location) return [drop];
  const { lat, lng } = s.location;
  const add = db
    .insert(openCasePoints)
    .select(sql`SELECT ${s.id}, ${s.categoryCode}, ${lat}, ${lng}, ${s.createdAt} WHERE ${isCurrent}`);
  return [drop, add];
}

export interface NearbyRow {
  id: string;
  lat: number;
  lng: number;
  summary: string;
  public: string | null;
  divisionCode: string;
  gridCode: string | null;
  reporterSub: string | null;
}

/** Open cases of the matter whose point lies in the box, reported since `since` (an ISO instant). */
export function openPointsInBox(db: Db, categoryCode: string, box: Box, since: string): Promise<NearbyRow[]> {
  return db
    .select({
      id: openCasePoints.caseId,
      lat: openCasePoints.lat,
      lng: openCasePoints.lng,
      summary: cases.summary,
      public: cases.public,
      divisionCode: cases.divisionCode,
      gridCode: cases.gridCode,
      reporterSub: cases.reporterSub,
    })
    .from(openCasePoints)
    .innerJoin(cases, eq(cases.id, openCasePoints.caseId))
    .where(
      and(
        eq(openCasePoints.categoryCode, categoryCode),
        between(openCasePoints.lat, box.minLat, box.maxLat),
        between(openCasePoints.lng, box.minLng, box.maxLng),
        gte(openCasePoints.createdAt, since),
      ),
    );
}
