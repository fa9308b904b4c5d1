import type { Context, MiddlewareHandler } from "hono";
import { endTime, startTime, timing } from "hono/timing";
import { settingsOf, type AppEnv } from "../env";

/**
 * Where a request's time goes in the gateway, as `Server-Timing` entries named `gw-*` (a service behind it adds
 * its own, e.g. `cases-*`, and they pass through). The header names internal hops and their durations, so it is
 * sent only where `SERVER_TIMING=on`: local development and the benchmarks (.dev.vars), never by default in a
 * deployed environment; when off, a service's entries are dropped too (see `forward`).
 */
export const SERVER_TIMING_HEADER = "server-timing";

const measured = timing({ total: false, autoEnd: true });

export function serverTiming(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!serverTimingOn(c)) return next();
    return measured(c, async () => {
      startTime(c, "gw-total", "gateway, request in to response out");
      await next();
    });
  };
}

export function serverTimingOn(c: Context<AppEnv>): boolean {
  return settingsOf(c.env).SERVER_TIMING === "on";
}

/** Runs `work` as the span `name` when timings are on; otherwise just runs it. */
export async function timed<T>(c: Context<AppEnv>, name: `gw-${string}`, work: () => Promise<T>): Promise<T> {
  if (!c.get("metric")) return work();
  startTime(c, name);
  try {
    return await work();
  } finally {
    endTime(c, name);
  }
}
