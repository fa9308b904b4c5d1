import { createRoute, z } from "@hono/zod-openapi";
import { DivisionCode, Evaluation, pageOf, type GradeThresholds, type Grade, type Principal } from "@civicgrid/contracts";
import { AppError, createRouter, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { assertDivision } from "../references";
import { rankingScope, scopedBindings } from "../scope";
import { loadSettings } from "../settings";
import { rankingPage, rankingView, type RankingDbRow } from "./rankings";

export const evaluations = createRouter<AppEnv>();

/** 优秀 / 合格 / 基本合格 / 不合格 by the county's thresholds. */
export function gradeOf(score: number, t: GradeThresholds): Grade {
  if (score >= t.excellent) return "优秀";
  if (score >= t.qualified) return "合格";
  if (score >= t.basic) return "基本合格";
  return "不合格";
}

async function toEvaluations(db: D1Database, rows: RankingDbRow[]): Promise<Evaluation[]> {
  const thresholds = new Map<string, GradeThresholds>();
  for (const county of new Set(rows.map((r) => r.county_code))) thresholds.set(county, (await loadSettings(db, county)).gradeThresholds);
  return rows.map((r) => {
    const v = rankingView(r);
    return { sub: v.subjectId, year: v.period, divisionCode: v.divisionCode, score: v.score, grade: gradeOf(v.score, thresholds.get(v.countyCode)!), rank: v.rank, components: v.components };
  });
}

const Query = z.object({
  year: z.string().regex(/^\d{4}$/, "YYYY"),
  divisionCode: DivisionCode.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(512).optional(),
});

/** Yearly evaluations of workers (the year's worker ranking, computed by the cron in January or by a recompute). */
evaluations.openapi(
  createRoute({
    method: "get",
    path: "/v1/evaluations",
    summary: "Yearly evaluations (考核) of the workers the caller may read: score, grade (优秀/合格/基本合格/不合格), rank",
    request: { query: Query },
    responses: { 200: { description: "evaluations", content: { "application/json": { schema: pageOf(Evaluation) } } } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    await assertDivision(c, "query.divisionCode", q.divisionCode, "assessment:read");
    const page = await rankingPage(c.env.DB, principalOf(c), { kind: "worker", period: q.year, divisionCode: q.divisionCode, limit: q.limit, cursor: q.cursor });
    return c.json({ items: await toEvaluations(c.env.DB, page.items), nextCursor: page.nextCursor }, 200);
  },
);

evaluations.openapi(
  createRoute({
    method: "get",
    path: "/v1/evaluations/{sub}",
    summary: "One worker's yearly evaluation (考核), for the worker or an agency over them",
    request: { params: z.object({ sub: z.string().min(1).max(128) }), query: z.object({ year: z.string().regex(/^\d{4}$/, "YYYY") }) },
    responses: { 200: { description: "one worker's evaluation", content: { "application/json": { schema: Evaluation } } } },
  }),
  async (c) => {
    const principal: Principal = principalOf(c);
    const { sub } = c.req.valid("param");
    const scope = rankingScope(principal, "worker");
    // A miss and a row outside the caller's scope look alike: 404 either way.
    const row = scope
      ? await c.env.DB.prepare(`SELECT * FROM rankings WHERE kind = 'worker' AND period = ?1 AND subject_id = ?2 AND ${scope.sql}`)
          .bind(...scopedBindings([c.req.valid("query").year, sub], scope))
          .first<RankingDbRow>()
      : null;
    if (!row) throw new AppError("not_found", `no evaluation of ${sub} for that year`);
    return c.json((await toEvaluations(c.env.DB, [row]))[0]!, 200);
  },
);
