import { createRoute, z } from "@hono/zod-openapi";
import { divisionLevel, divisionPrefix, RankingKind, RecomputeBody } from "@civicgrid/contracts";
import { AppError, authorize, createRouter, principalOf } from "@civicgrid/http";
import { parsePeriod } from "../domain/periods";
import type { AppEnv } from "../env";
import { recomputePeriod } from "../recompute";

export const recompute = createRouter<AppEnv>();

const Outcome = z.object({
  days: z.number().int(),
  rankings: z.array(z.object({ kind: RankingKind, period: z.string(), subjects: z.number().int() })),
});

/**
 * Rebuilds a past period for the caller's jurisdiction; the result equals what the cron computed from the same
 * store.
 */
recompute.openapi(
  createRoute({
    method: "post",
    path: "/v1/assessments/recompute",
    summary: "A county or city agency recomputes the facts and rankings of a past day, week, month or year",
    request: { body: { content: { "application/json": { schema: RecomputeBody } } } },
    responses: { 200: { description: "recomputed", content: { "application/json": { schema: Outcome } } } },
  }),
  async (c) => {
    const principal = principalOf(c);
    const { kind, period } = c.req.valid("json");
    const parsed = parsePeriod(period);
    if ("refused" in parsed) throw AppError.field("period", parsed.refused);
    if (parsed.kind !== kind) throw AppError.field("body.period", `is not a ${kind}`);
    authorize(c, "assessment:configure", { divisionCode: principal.divisionCode });
    const admin = principal.roles.includes("platform_admin");
    // Rankings are per county, so only a county or a city agency (or the platform) recomputes them.
    if (!admin && ["township", "village"].includes(divisionLevel(principal.divisionCode))) {
      throw new AppError("forbidden", "recompute is for county and city agencies");
    }
    const countyPrefix = admin ? "" : divisionPrefix(principal.divisionCode);
    return c.json(await recomputePeriod(c.env, period, countyPrefix), 200);
  },
);
