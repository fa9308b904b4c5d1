import type { Health } from "@civicgrid/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { SERVICES } from "../domain/routes-table";
import { timed } from "../middleware/server-timing";

/** `/healthz`: asks every service over RPC; 200 only when all of them can read their database. */
export async function healthz(c: Context<AppEnv>): Promise<Response> {
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
  return c.json({ ok, gateway: { ok: true, time: new Date().toISOString() }, services }, ok ? 200 : 503);
}
