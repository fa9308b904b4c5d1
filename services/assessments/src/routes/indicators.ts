import { createRoute, z } from "@hono/zod-openapi";
import {
  divisionPrefix,
  INDICATOR_FORMULAS,
  IndicatorFormula,
  IndicatorQuery,
  IndicatorTable,
} from "@civicgrid/contracts";
import { AppError, authorizeEver, createRouter } from "@civicgrid/http";
import { indicatorScopes } from "../access";
import { indicatorCsv } from "../domain/indicator-csv";
import { indicatorRange, indicatorRows } from "../domain/indicator-values";
import type { AppEnv } from "../env";
import { assertDivision } from "../references";
import { indicatorShards, measureSumsOver } from "../store/indicator-facts";

export const indicators = createRouter<AppEnv>();

indicators.openapi(
  createRoute({
    method: "get",
    path: "/v1/assessments/indicators/formulas",
    summary: "The published formulas of 三率 and the standard indicators: numerator, denominator, events counted",
    responses: {
      200: {
        description: "every indicator's formula",
        content: { "application/json": { schema: z.object({ items: z.array(IndicatorFormula) }) } },
      },
    },
  }),
  (c) => {
    authorizeEver(c, "assessment:read");
    return c.json({ items: [...INDICATOR_FORMULAS] }, 200);
  },
);

indicators.openapi(
  createRoute({
    method: "get",
    path: "/v1/assessments/indicators",
    summary: "三率 and the standard indicators per department, grid, township or county over a period, JSON or CSV",
    description:
      "A month, quarter, year or custom range of days. CSV (RFC 4180, UTF-8 with a byte-order mark for Excel) with " +
      "`Accept: text/csv` or `format=csv`. Formulas: `/v1/assessments/indicators/formulas`.",
    request: { query: IndicatorQuery },
    responses: {
      200: {
        description: "one row per subject the caller may read",
        content: { "application/json": { schema: IndicatorTable }, "text/csv": { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const range = indicatorRange(q.period);
    if ("refused" in range) throw AppError.field("query.period", range.refused);
    const principal = authorizeEver(c, "assessment:read");
    await assertDivision(c, "query.divisionCode", q.divisionCode, "assessment:read");
    const areaPrefix = q.divisionCode === undefined ? undefined : divisionPrefix(q.divisionCode);
    const scopes = indicatorScopes(principal, q.level);
    const shards = indicatorShards(c.env, scopes, areaPrefix);
    const sums = await measureSumsOver(shards, q.level, range, scopes, { areaPrefix });
    const table: IndicatorTable = { level: q.level, period: q.period, ...range, items: indicatorRows(q.level, sums) };
    const csv = q.format === "csv" || (q.format === undefined && (c.req.header("accept") ?? "").includes("text/csv"));
    if (!csv) return c.json(table, 200);
    const name = `indicators-${q.level}-${q.period.replace("..", "_")}.csv`;
    return c.body(indicatorCsv(table), 200, {
      "content-type": "text/csv; charset=utf-8; header=present",
      "content-disposition": `attachment; filename="${name}"`,
    });
  },
);
