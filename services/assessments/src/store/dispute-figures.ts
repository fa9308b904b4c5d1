import type { ListScope } from "@civicgrid/auth";
import {
  divisionPrefix,
  type DisputeIndicator,
  type DisputeFigures,
  type DisputeFiguresBy,
  type DisputeFiguresRow,
  type MediatorKind,
  type MonthlyDisputes,
} from "@civicgrid/contracts";
import { scopeWhere } from "@civicgrid/http";
import { and, between, isNotNull, like, max, sql, type SQL } from "drizzle-orm";
import { addFigures, byText, maxCode, mergeBy } from "../domain/merge";
import type { SubjectTotals } from "../domain/scoring";
import { disputeCounts as c } from "./schema";
import { eachShard, type Shard } from "./shards";

type Range = { from: string; to: string };

/** The figure each answer field sums (dispute_counts.figure). */
const FIGURES: Record<keyof DisputeFigures, string> = {
  found: "found",
  mediatedOnSite: "mediated_on_site",
  mediated: "mediated",
  diverted: "diverted",
  agreementsKept: "agreement_kept",
  majorRisk: "major_risk",
};
const SUMS = Object.fromEntries(
  Object.entries(FIGURES).map(([field, figure]) => [
    field,
    sql<number>`COALESCE(SUM(${c.figure} = ${figure}), 0)`.mapWith(Number),
  ]),
) as Record<keyof DisputeFigures, SQL<number>>;

export const NO_FIGURES: DisputeFigures = {
  found: 0,
  mediatedOnSite: 0,
  mediated: 0,
  diverted: 0,
  agreementsKept: 0,
  majorRisk: 0,
};

const KEY = { grid: c.gridCode, village: c.villageCode, township: c.townshipCode, county: c.countyCode };
const SUBJECT = { ...KEY, mediator: c.mediatorId };
/** The most precise place of the counted case: division codes nest by prefix, grid codes under their village. */
const PLACE = sql`COALESCE(${c.gridCode}, ${c.villageCode}, ${c.townshipCode}, ${c.countyCode})`;

/** The counted rows a list scope covers (the case's place in the jurisdiction, or its grid); undefined: all. */
export function disputeScopeWhere(scope: ListScope): SQL | undefined {
  if ("prefix" in scope) return like(PLACE, `${scope.prefix}%`);
  return scopeWhere(scope, { division: c.countyCode, grid: c.gridCode });
}

/** The figures of a span summed over the rows `where` covers, on every shard. */
export async function disputeTotal(shards: readonly Shard[], range: Range, where: SQL | undefined) {
  const rows = await eachShard(shards, (db) =>
    db
      .select(SUMS)
      .from(c)
      .where(and(between(c.day, range.from, range.to), where))
      .get(),
  );
  return rows.reduce<DisputeFigures>((sum, row) => (row ? addFigures(sum, row) : sum), NO_FIGURES);
}

/**
 * The figures of a span per subject (rows with no such subject, e.g. no mediator yet, are in the total only),
 * summed over the shards: a mediator (or a city department's case) may count in several counties.
 */
export async function disputeFiguresBy(
  shards: readonly Shard[],
  by: DisputeFiguresBy,
  range: Range,
  where: SQL | undefined,
): Promise<DisputeFiguresRow[]> {
  const subject = SUBJECT[by];
  const lists = await eachShard(shards, (db) =>
    db
      .select({ key: sql<string>`${subject}`, mediatorKind: max(c.mediatorKind), ...SUMS })
      .from(c)
      .where(and(between(c.day, range.from, range.to), isNotNull(subject), where))
      .groupBy(subject)
      .all(),
  );
  const rows = mergeBy(
    lists.flat(),
    (r) => r.key,
    ({ key, mediatorKind, ...a }, { mediatorKind: kind, ...b }) => ({
      key,
      mediatorKind: maxCode(mediatorKind, kind),
      ...addFigures(a, b),
    }),
  ).sort((a, b) => byText(a.key, b.key));
  return rows.map(({ key, mediatorKind, ...figures }) =>
    by === "mediator" ? { key, mediatorKind: mediatorKind as MediatorKind | null, figures } : { key, figures },
  );
}

/** Each ranked grid's or township's figures of the span (zero where none were counted). */
export async function disputesOfAreas(
  shards: readonly Shard[],
  by: "grid" | "township",
  range: Range,
  subjects: readonly string[],
): Promise<Map<string, DisputeFigures>> {
  if (subjects.length === 0) return new Map();
  const listed = sql`${KEY[by]} IN (SELECT value FROM json_each(${JSON.stringify(subjects)}))`;
  const rows = await disputeFiguresBy(shards, by, range, listed);
  return new Map(subjects.map((s) => [s, rows.find((r) => r.key === s)?.figures ?? NO_FIGURES]));
}

/** The figure each weighable dispute indicator of a ranking is (contracts DISPUTE_INDICATORS). */
const INDICATOR_FIGURE: Record<DisputeIndicator, keyof DisputeFigures> = {
  disputes_found: "found",
  disputes_mediated_on_site: "mediatedOnSite",
  disputes_mediated: "mediated",
  agreements_kept: "agreementsKept",
};

/** Adds each grid's or township's dispute work of the span to its totals, for the ranking to score. */
export async function addDisputeTotals(
  shards: readonly Shard[],
  by: "grid" | "township",
  range: Range,
  subjects: readonly SubjectTotals[],
): Promise<void> {
  const figures = await disputesOfAreas(
    shards,
    by,
    range,
    subjects.map((s) => s.subjectId),
  );
  for (const s of subjects) {
    const counted = figures.get(s.subjectId) ?? NO_FIGURES;
    for (const [indicator, figure] of Object.entries(INDICATOR_FIGURE)) s.totals[indicator] = counted[figure];
  }
}

/** The monthly report's dispute section: a division's figures, per area of the level it breaks down into, per mediator. */
export async function monthlyDisputes(
  shards: readonly Shard[],
  divisionCode: string,
  range: Range,
  area: "county" | "township" | "village",
): Promise<MonthlyDisputes> {
  const where = disputeScopeWhere({ prefix: divisionPrefix(divisionCode) });
  const [total, byArea, byMediator] = await Promise.all([
    disputeTotal(shards, range, where),
    disputeFiguresBy(shards, area, range, where),
    disputeFiguresBy(shards, "mediator", range, where),
  ]);
  return { total, byArea, byMediator };
}
