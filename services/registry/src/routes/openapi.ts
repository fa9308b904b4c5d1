import { Problem } from "@civicgrid/contracts";
import { z } from "@hono/zod-openapi";

/** Request/response pieces shared by every route definition. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});
export const jsonOf = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});
/** Path parameter of the layout routes. */
export const LayoutId = z.object({ id: z.string().regex(/^\d{6}-\d{1,6}$/, "must be a layout id like 440703-2") });

/** The refusals every route may answer with (problem+json). */
export const refusals = {
  400: problem("invalid input, naming the fields at fault"),
  403: problem("role or jurisdiction does not allow it"),
  404: problem("not found"),
  409: problem("conflicts with the current state"),
  412: problem("If-Match does not match the current version"),
  422: problem("breaks a rule (layout findings, list rules)"),
  428: problem("If-Match is required"),
} as const;
