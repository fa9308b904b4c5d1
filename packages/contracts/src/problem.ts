import { z } from "@hono/zod-openapi";

/** One field at fault in a request, named by its location: `body.boundary.coordinates.0`, `query.limit`. */
export const FieldError = z.object({
  field: z.string(),
  message: z.string(),
});
export type FieldError = z.infer<typeof FieldError>;

/** RFC 9457 problem details, with the request id and field errors as extension members. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    requestId: z.string().optional(),
    errors: z.array(FieldError).optional(),
  })
  .passthrough()
  .openapi("Problem");
export type Problem = z.infer<typeof Problem>;
