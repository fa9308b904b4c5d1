import { z } from "@hono/zod-openapi";

/**
 * The envelope of every event a service puts on a queue. `id` is stable across redeliveries, so
 * every consumer dedupes on it; `version` orders events of one aggregate (a case, a grid).
 */
export const EventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string(),
  aggregateId: z.string(),
  version: z.number().int().nonnegative(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;
