import { createRoute, z } from "@hono/zod-openapi";
import { pageOf, RankingQuery, RankingRow, type RankingKind, type ScoreComponent } from "@civicgrid/contracts";
import { createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { assertDivision } from "../references";
import { rankingScope, scopedBindings } from "../scope";

export const rankings = createRouter<AppEnv>();

export interface RankingDbRow {
  kind: RankingKind;
  period: string;
  subject_id: string;
  division_code: string;
  county_code: string;
  score: number;
  rank: number;
  components: string;
  rules_version: number;
}

export const rankingView = (r: RankingDbRow): RankingRow => ({
  kind: r.kind,
  period: r.period,
  subjectId: r.subject_id,
  divisionCode: r.division_code,
  countyCode: r.county_code,
  score: r.score,
  rank: r.rank,
  rulesVersion: r.rules_version,
  components: JSON.parse(r.components) as ScoreComponent[],
});

/** A page of stored ranking rows the caller may read, by county then rank. */
export async function rankingPage(
  db: D1Database,
  principal: Parameters<typeof rankingScope>[0],
  q: { kind: RankingKind; period: string; divisionCode?: string; limit: number; cursor?: string },
): Promise<{ items: RankingDbRow[]; nextCursor: string | null }> {
  const scope = rankingScope(principal, q.kind, q.divisionCode);
  if (!scope) return { items: [], nextCursor: null };
  const after = decodeCursor(q.cursor, 3) ?? ["", 0, ""];
  const { results } = await db
    .prepare(
      `SELECT * FROM rankings WHERE kind = ?1 AND period = ?2 AND ${scope.sql}
         AND (county_code, rank, subject_id) > (?3, ?4, ?5)
       ORDER BY county_code, rank, subject_id LIMIT ?6`,
    )
    .bind(...scopedBindings([q.kind, q.period, after[0], after[1], after[2], q.limit + 1], scope))
    .all<RankingDbRow>();
  return toPage(results, q.limit, (r) => [r.county_code, r.rank, r.subject_id]);
}

rankings.openapi(
  createRoute({
    method: "get",
    path: "/v1/rankings",
    summary: "Weekly or monthly rankings (排名) of workers, grids, townships or departments the caller may read",
    request: { query: RankingQuery },
    responses: { 200: { description: "ranking rows with each score's components", content: { "application/json": { schema: pageOf(RankingRow) } } } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    await assertDivision(c, "query.divisionCode", q.divisionCode, "assessment:read");
    const page = await rankingPage(c.env.DB, principalOf(c), q);
    return c.json({ items: page.items.map(rankingView), nextCursor: page.nextCursor }, 200);
  },
);

export const YearQuery = z.object({ year: z.string().regex(/^\d{4}$/, "YYYY") });
