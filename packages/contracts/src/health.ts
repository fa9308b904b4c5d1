import { z } from "@hono/zod-openapi";

export const ServiceName = z.enum([
  "gateway",
  "registry",
  "roster",
  "cases",
  "notifications",
  "assessments",
  "integrations",
  "basedata",
]);
export type ServiceName = z.infer<typeof ServiceName>;

/** What a service's `health()` RPC method answers. */
export const Health = z.object({
  service: ServiceName,
  ok: z.boolean(),
  database: z.enum(["ok", "error"]),
  migrations: z.number().int(),
  time: z.string(),
});
export type Health = z.infer<typeof Health>;
