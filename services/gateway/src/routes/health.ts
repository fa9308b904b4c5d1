import type { Health } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { SERVICES } from "../domain/routes-table";
import { timed } from "../middleware/server-timing";

/**
 * `/healthz`: the gateway is up and answering, with nothing else asked (a load balancer or uptime check may call
 * it every few seconds). `/healthz?deep=1` also asks every service over RPC whether it can read its database,
 * and answers 200 only when all of them can (503 otherwise): a fan-out of seven calls, made only when asked.
 */
export async function healthz(c: Context<AppEnv>): Promise<Response> {
  const gateway = { ok: true, time: new Date().toISOString() };
  if (!deepRequested(c.req.query("deep"))) return c.json({ ok: true, gateway });
  const entries = await timed(c, "gw-health", () =>
    Promise.all(
      Object.entries(SERVICES).map(async ([name, key]): Promise<[string, Health | { ok: false; error: string }]> => {
        try {
          return [name, await c.env[key].health()];
        } catch {
          return [name, { ok: false, error: "unreachable" }];
        }
      }),
    ),
  );
  const services = Object.fromEntries(entries);
  const ok = entries.every(([, h]) => h.ok);
  return c.json({ ok, gateway, services }, ok ? 200 : 503);
}

function deepRequested(deep: string | undefined): boolean {
  if (deep === undefined || deep === "0") return false;
  if (deep === "1") return true;
  throw AppError.field("query.deep", "deep must be 1 (ask every service) or 0 (the gateway only)");
}
