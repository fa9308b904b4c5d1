import { createRoute, z } from "@hono/zod-openapi";
import { DivisionCode, divisionPrefix, MonthlyReport } from "@civicgrid/contracts";
import { AppError, createRouter, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { buildMonthlyReport, reportArea } from "../domain/monthly-report";
import { reportHtml } from "../domain/report-html";
import type { AppEnv, Env } from "../env";
import { assertDivision } from "../references";
import { monthlyCounts } from "../store/reports";
import { factsUnder } from "../store/shards";

export const reports = createRouter<AppEnv>();

const Query = z.object({ divisionCode: DivisionCode, month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "YYYY-MM") });

/** The 月分析 of a division, for the agencies (综治中心) over it. */
async function monthlyReportFor(c: Context, divisionCode: string, month: string) {
  const principal = principalOf(c);
  if (!principal.roles.some((r) => r === "agency" || r === "platform_admin")) {
    throw new AppError("forbidden", "the monthly analysis is for agencies");
  }
  await assertDivision(c, "query.divisionCode", divisionCode, "assessment:read");
  const shards = factsUnder(c.env as Env, divisionPrefix(divisionCode));
  const counts = await monthlyCounts(shards, divisionCode, month, reportArea(divisionCode));
  return buildMonthlyReport(divisionCode, month, counts);
}

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/monthly",
    summary: "An agency's monthly analysis (月分析) of the cases of a division in its jurisdiction",
    request: { query: Query },
    responses: {
      200: { description: "月分析 as JSON", content: { "application/json": { schema: MonthlyReport } } },
    },
  }),
  async (c) => {
    const { divisionCode, month } = c.req.valid("query");
    return c.json(await monthlyReportFor(c, divisionCode, month), 200);
  },
);

reports.openapi(
  createRoute({
    method: "get",
    path: "/v1/reports/monthly.html",
    summary: "An agency's monthly analysis (月分析) of a division as a printable page",
    request: { query: Query },
    responses: {
      200: { description: "月分析 as a printable page", content: { "text/html": { schema: z.string() } } },
    },
  }),
  async (c) => {
    const { divisionCode, month } = c.req.valid("query");
    return c.html(reportHtml(await monthlyReportFor(c, divisionCode, month)), 200);
  },
);
