import { createRoute } from "@hono/zod-openapi";
import { countyOf, divisionLevel, tagKind, VisitPlan, VisitPlanQuery } from "@civicgrid/contracts";
import { AppError, authorize, createRouter } from "@civicgrid/http";
import { planCounts, shanghaiDay } from "../domain/visit-plan";
import { villageStub, type AppEnv } from "../env";
import { settingsOf } from "../store/settings";
import { knownVillages } from "../store/villages";

export const visitPlanRoutes = createRouter<AppEnv>();

visitPlanRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/visit-plan",
    summary:
      "Who is due a visit (走访计划) under the county's rules: a worker's grids by (masked) name; an agency counts " +
      "per grid and tag kind, and by name only people of non-sensitive groups",
    request: { query: VisitPlanQuery },
    responses: { 200: { description: "the plan for today", content: { "application/json": { schema: VisitPlan } } } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const village = q.villageCode ?? q.gridCode?.slice(0, 12);
    if (!village) throw AppError.field("query.gridCode", "give gridCode or villageCode");
    if (divisionLevel(village) !== "village") throw AppError.field("query.villageCode", "must be a village code");
    if (q.gridCode && q.villageCode && q.gridCode.slice(0, 12) !== q.villageCode)
      throw AppError.field("query.gridCode", `is not a grid of village ${q.villageCode}`);
    const { principal, roles } = authorize(c, "visit:read", { divisionCode: village, gridCode: q.gridCode });
    const on = shanghaiDay(new Date());
    if (!(await knownVillages(c.env.DB, [village])).has(village)) return c.json({ on, counts: [], entries: [] }, 200);
    const rules = (await settingsOf(c.env.DB, countyOf(village))).effectiveVisitRules;
    const agency = roles.includes("agency") || roles.includes("platform_admin");
    const entries = (await villageStub(c.env, village).visitPlan(rules, on)).filter(
      (e) => (!q.gridCode || e.gridCode === q.gridCode) && (agency || (principal.grids ?? []).includes(e.gridCode)),
    );
    // Special groups are sensitive (PIPL art. 28): agency staff get their numbers, never who.
    const shown = agency ? entries.filter((e) => !tagKind(e.tagKind).sensitive) : entries;
    return c.json({ on, counts: planCounts(entries), entries: shown }, 200);
  },
);
