import { can } from "@civicgrid/auth";
import { AppError, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env";
import { SERVICES } from "../domain/routes-table";

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
  if (!can(principal, "cron:run", {}))
    throw new AppError("forbidden", "only a platform administrator may run scheduled work");
  const binding = c.env[SERVICES[body.service]];
  const outcome = await binding.runCron(body.cron);
  if (!outcome.ran) {
    const known = outcome.known.length ? outcome.known.join(", ") : "none";
    throw AppError.field(
      "body.cron",
      `${body.service} has no scheduled work for this cron; its crons: ${known}`,
      "unprocessable",
    );
  }
  return c.json({ service: body.service, cron: body.cron, result: outcome.result });
}
