import { tagKind, type TagKindCode, type Visit, type VisitNeed } from "@civicgrid/contracts";
import type { visits } from "../schema";

type Row = typeof visits.$inferSelect;

export function visitView(row: Row, villageCode: string): Visit {
  return {
    id: row.id,
    villageCode,
    gridCode: row.gridCode,
    workerSub: row.workerSub,
    targetKind: row.targetKind,
    targetId: row.targetId,
    visitedAt: row.visitedAt,
    lng: row.lng,
    lat: row.lat,
    outcome: row.outcome,
    needs: JSON.parse(row.needs) as VisitNeed[],
    tagKind: (row.tagKind as TagKindCode | null) ?? null,
    campaignId: row.campaignId,
    createdAt: row.createdAt,
  };
}

/**
 * A visit as a reader sees it: the tag kind of a special group (and of the other sensitive kinds, PIPL art. 28) only
 * for the grid workers of the visit's grid. The owning department reads tagged people through the people routes,
 * not visit lists; agency staff never see sensitive kinds here (the rule), only that a visit took place.
 */
export function visibleVisit(visit: Visit, readerGrids: readonly string[]): Visit {
  if (!visit.tagKind || !tagKind(visit.tagKind).sensitive || readerGrids.includes(visit.gridCode)) return visit;
  return { ...visit, tagKind: null };
}
