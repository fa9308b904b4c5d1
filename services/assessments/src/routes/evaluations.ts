import { createRoute, z } from "@hono/zod-openapi";
import { DivisionCode, Evaluation, pageOf, type GradeThresholds, type RankingRow } from "@civicgrid/contracts";
import { AppError, authorizeEver, createRouter } from "@civicgrid/http";
import { rankingScopes } from "../access";
import { gradeOf } from "../domain/settings";
import type { AppEnv } from "../env";
import { assertDivision } from "../references";
import { dbOf, type Db } from "../store/db";
import { rankingOf, rankingPage } from "../store/rankings";
import { loadSettings } from "../store/settings";

export const evaluations = createRouter<AppEnv>();

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

/** A year's worker rows as evaluations, graded by each county's thresholds. */
async function toEvaluations(db: Db, rows: RankingRow[]): Promise<Evaluation[]> {
  const thresholds = new Map<string, GradeThresholds>();
  for (const county of new Set(rows.map((r) => r.countyCode))) {
    thresholds.set(county, (await loadSettings(db, county)).gradeThresholds);
  }
  return rows.map((v) => ({
    sub: v.subjectId,
    year: v.period,
    divisionCode: v.divisionCode,
    score: v.score,
    grade: gradeOf(v.score, thresholds.get(v.countyCode)!),
    rank: v.rank,
    components: v.components,
  }));
}

const Year = z.string().regex(/^\d{4}$/, "YYYY");
const Query = z.object({
  year: Year,
  divisionCode: DivisionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

/** Yearly evaluations of workers (the year's worker ranking, computed by the cron in January or by a recompute). */
evaluations.openapi(
  createRoute({
    method: "get",
    path: "/v1/evaluations",
    summary:
      "Yearly evaluations (考核) of the workers the caller may read: score, grade (优秀/合格/基本合格/不合格), rank",
    request: { query: Query },
    responses: { 200: { description: "evaluations", ...json(pageOf(Evaluation)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    await assertDivision(c, "query.divisionCode", q.divisionCode, "assessment:read");
    const db = dbOf(c.env.DB);
    const scopes = rankingScopes(authorizeEver(c, "assessment:read"), "worker");
    const page = await rankingPage(db, scopes, { ...q, kind: "worker", period: q.year });
    return c.json({ items: await toEvaluations(db, page.items), nextCursor: page.nextCursor }, 200);
  },
);

evaluations.openapi(
  createRoute({
    method: "get",
    path: "/v1/evaluations/{sub}",
    summary: "One worker's yearly evaluation (考核), for the worker or an agency over them",
    request: { params: z.object({ sub: z.string().min(1).max(128) }), query: z.object({ year: Year }) },
    responses: { 200: { description: "one worker's evaluation", ...json(Evaluation) } },
  }),
  async (c) => {
    const { sub } = c.req.valid("param");
    const db = dbOf(c.env.DB);
    // A miss and a row outside the caller's scope look alike: 404 either way.
    const scopes = rankingScopes(authorizeEver(c, "assessment:read"), "worker");
    const row = await rankingOf(db, scopes, "worker", c.req.valid("query").year, sub);
    if (!row) throw new AppError("not_found", `no evaluation of ${sub} for that year`);
    return c.json((await toEvaluations(db, [row]))[0]!, 200);
  },
);
