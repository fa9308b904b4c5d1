import type { Context, MiddlewareHandler } from "hono";
import { endTime, setMetric, startTime, timing, wrapTime } from "hono/timing";

/**
 * Issue 17: where a request's time goes, as `Server-Timing` metrics named `cases-*` (the gateway adds its `gw-*`
 * spans before them): `cases-total` (from after the kit's auth and idempotency middleware to the response),
 * `cases-place` / `cases-admit` (registry), `cases-refs` (references), `cases-do` (the Durable Object call) and the
 * object's own phases as `cases-do-<phase>` (see CaseDO's `PhaseTimes`).
 */
export function caseTiming(): MiddlewareHandler[] {
  return [
    timing({ total: false }),
    async (c, next) => {
      startTime(c, "cases-total");
      await next();
      endTime(c, "cases-total");
    },
  ];
}

/** Awaits `work` and records how long it took as the metric `cases-<name>`. */
export function timed<W extends Promise<unknown>>(c: Context, name: string, work: W): Promise<Awaited<W>> {
  return wrapTime(c, `cases-${name}`, work as Promise<Awaited<W>>, undefined, 1);
}

/** The phases a Durable Object measured for itself (`commit`, `project`, ...), as `cases-do-<phase>` metrics. */
export function phaseMetrics(c: Context, phases: Readonly<Record<string, number>> | undefined): void {
  for (const [phase, ms] of Object.entries(phases ?? {})) setMetric(c, `cases-do-${phase}`, ms, undefined, 1);
}
