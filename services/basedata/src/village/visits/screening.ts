import { and, eq, gte, inArray, isNull, or } from "drizzle-orm";
import { shanghaiDay } from "../../domain/visit-plan";
import type { ScreeningMessage } from "../../store/campaign-screenings";
import type { VillageDb } from "../db";
import { enqueue } from "../outbox";
import { houses, people, residences, units, type visits } from "../schema";

type VisitRow = typeof visits.$inferSelect;

/**
 * A screening visit's row for D1 (destination "campaigns"), in the visit's own transaction: a visit and its screening
 * are never half-written. Needs asking for a case are the disputes found (Gansu 二(一)1(1)).
 */
export function enqueueScreening(db: VillageDb, row: VisitRow, disputesFound: number): void {
  if (!row.campaignId || row.targetKind === "person") return;
  const message: ScreeningMessage = {
    type: "screening",
    campaignId: row.campaignId,
    visitId: row.id,
    gridCode: row.gridCode,
    targetKind: row.targetKind,
    targetId: row.targetId,
    workerSub: row.workerSub,
    screenedAt: row.visitedAt,
    disputesFound,
  };
  enqueue(db, "campaigns", `screening:${row.campaignId}:${row.id}`, message);
}

/** A case a dispute found on a screening visit opened, for the campaign's list of cases (written once per case). */
export function enqueueScreeningCase(db: VillageDb, row: VisitRow, caseId: string): void {
  if (!row.campaignId) return;
  const message: ScreeningMessage = { type: "case", campaignId: row.campaignId, visitId: row.id, caseId };
  enqueue(db, "campaigns", `screening-case:${row.id}:${caseId}`, message);
}

export interface GridTargets {
  /** Houses of the grid where someone present lives today. */
  households: number;
  /** Open units of the grid. */
  units: number;
  /** How many of `screened` are among these targets. */
  covered: number;
}

/**
 * What a campaign screens in the village's grids, from the object's own records (exact today; the pushed grid counts
 * hold every house, not the lived-in ones, so they cannot say this): houses with present residents, and open units.
 */
export function campaignTargets(
  db: VillageDb,
  grids: readonly string[],
  screened: readonly string[],
  now: Date,
): Record<string, GridTargets> {
  const today = shanghaiDay(now);
  const lived = db
    .selectDistinct({ id: houses.id, gridCode: houses.gridCode })
    .from(houses)
    .innerJoin(residences, eq(residences.houseId, houses.id))
    .innerJoin(people, eq(people.id, residences.personId))
    .where(
      and(
        inArray(houses.gridCode, [...grids]),
        eq(people.status, "present"),
        or(isNull(residences.until), gte(residences.until, today)),
      ),
    )
    .all();
  const open = db
    .select({ id: units.id, gridCode: units.gridCode })
    .from(units)
    .where(and(inArray(units.gridCode, [...grids]), eq(units.status, "open")))
    .all();
  const done = new Set(screened);
  const out: Record<string, GridTargets> = {};
  for (const grid of grids) out[grid] = { households: 0, units: 0, covered: 0 };
  for (const [list, key] of [
    [lived, "households"],
    [open, "units"],
  ] as const)
    for (const t of list) {
      const figures = out[t.gridCode!]!;
      figures[key] += 1;
      if (done.has(t.id)) figures.covered += 1;
    }
  return out;
}
