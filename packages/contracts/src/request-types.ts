import { z } from "@hono/zod-openapi";
import { RequestType } from "./cases";
import { DivisionCode, divisionLevel } from "./division";
import { StepLimits } from "./registry";

/**
 * A county's default time limits per request type (接诉即办: 咨询, 求助, 投诉, 举报, 建议). At opening a case's step
 * limits come from its matter list entry first, then its request type's county default, then the built-in ones.
 */
export const RequestTypeLimits = z.partialRecord(RequestType, StepLimits);
export type RequestTypeLimits = z.infer<typeof RequestTypeLimits>;

export const RequestTypeLimitsBody = z.object({ types: RequestTypeLimits }).openapi("RequestTypeLimitsBody");
export type RequestTypeLimitsBody = z.infer<typeof RequestTypeLimitsBody>;

export const CountyRequestTypes = RequestTypeLimitsBody.extend({
  countyCode: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
}).openapi("CountyRequestTypes");
export type CountyRequestTypes = z.infer<typeof CountyRequestTypes>;

/** A county (区县) code: 12 digits at county level. */
export const RequestTypesCounty = DivisionCode.refine(
  (code) => divisionLevel(code) === "county",
  "must be a county (区县) code like 440703000000",
);
