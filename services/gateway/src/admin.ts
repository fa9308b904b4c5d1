import { can } from "@civicgrid/auth";
import { AppError, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "./env";
import { SERVICES } from "./routes-table";

export const CronRun = z.object({
  service: z.enum(Object.keys(SERVICES) as [keyof typeof SERVICES, ...(keyof typeof SERVICES)[]]),
  cron: z.string().min(1).max(64),
});

/**
 * Runs a service's scheduled work now (what its Cron Trigger would run), for operators and for
 * local development. Platform administrators only.
 */
export async function runCron(c: Context<AppEnv>, body: z.infer<typeof CronRun>): Promise<Response> {
  const principal = principalOf(c);
  if (!can(principal, "cron:run", {})) throw new AppError("forbidden", "only a platform administrator may run scheduled work");
  const binding = c.env[SERVICES[body.service]];
  if (!binding.runCron) throw AppError.field("body.service", "this service has no scheduled work", "unprocessable");
  const result = await binding.runCron(body.cron);
  return c.json({ service: body.service, cron: body.cron, result });
}
