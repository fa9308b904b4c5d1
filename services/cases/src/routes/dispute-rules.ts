import { createRoute, z } from "@hono/zod-openapi";
import type { Reference } from "@civicgrid/auth";
import { CountyRiskRules, divisionLevel, isWithinDivision, RiskRulesBody } from "@civicgrid/contracts";
import { AppError, assertReferences, authorize, createRouter, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { scopeResolver } from "../references";
import { database } from "../store/db";
import { riskRulesOf, saveRiskRules } from "../store/dispute-rules";

const CountyCode = z
  .string()
  .regex(/^\d{12}$/, { message: "must be a 12-digit division code", abort: true })
  .refine((code) => divisionLevel(code) === "county", "must be a county (区县) code like 440703000000")
  .openapi({ example: "440703000000" });
const params = z.object({ countyCode: CountyCode });
const rulesAnswer = { "application/json": { schema: CountyRiskRules } };

/**
 * Readers of a county's rules are the disputes' handlers (they grade against them): a caller inside the county is
 * checked at their own division, one above it (city) at the county; another county's caller is refused.
 */
function readingScope(c: Context, countyCode: string) {
  const own = principalOf(c).divisionCode;
  return { divisionCode: isWithinDivision(own, countyCode) ? own : countyCode };
}

/**
 * The police named must be the county's own (Gansu 二(一)1(2): the county's police receive its 命案风险 notices).
 * Each id goes through the shared references (unknown: 422, out of reach: 403); one of a neighbouring county that
 * a city agency may reach is still not this county's: 422 naming it.
 */
async function assertCountyPolice(c: Context<AppEnv>, countyCode: string, ids: string[]): Promise<void> {
  const refs = ids.map((id, i): Reference => ({
    field: `body.policeDepartmentIds[${i}]`,
    kind: "department",
    id,
    action: "dispute:configure",
  }));
  const resolve = scopeResolver(c.env);
  await assertReferences(c, refs, resolve);
  const scopes = await Promise.all(refs.map((r) => resolve(r.kind, r.id)));
  const errors = refs
    .filter((_r, i) => !isWithinDivision(scopes[i]?.divisionCode ?? "", countyCode))
    .map((r) => ({ field: r.field, message: `department ${r.id} is not a department of county ${countyCode}` }));
  if (errors.length > 0)
    throw new AppError("unprocessable", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
}

/** The county's dispute risk rules as data (issue 15 must-have 4): read by the handlers, set by the county. */
export const disputeRulesRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/disputes/risk-rules/{countyCode}",
      summary: "A county's dispute risk rules (its own, or the defaults while it has set none)",
      request: { params },
      responses: { 200: { description: "the rules in force", content: rulesAnswer } },
    }),
    async (c) => {
      const { countyCode } = c.req.valid("param");
      authorize(c, "dispute:grade", readingScope(c, countyCode));
      return c.json(await riskRulesOf(database(c.env.DB), countyCode), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/v1/disputes/risk-rules/{countyCode}",
      summary: "Set a county's dispute risk rules and the police told of threats of violence (county agency or above)",
      request: { params, body: { content: { "application/json": { schema: RiskRulesBody } }, required: true } },
      responses: { 200: { description: "the rules now in force", content: rulesAnswer } },
    }),
    async (c) => {
      const { countyCode } = c.req.valid("param");
      const body = c.req.valid("json");
      // A township's agency lies inside the county, not over it: only the county (or the city) sets its rules.
      const { principal } = authorize(c, "dispute:configure", { divisionCode: countyCode });
      await assertCountyPolice(c, countyCode, body.policeDepartmentIds);
      return c.json(await saveRiskRules(database(c.env.DB), countyCode, body, principal.sub), 200);
    },
  );
