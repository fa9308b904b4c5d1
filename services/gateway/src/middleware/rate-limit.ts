import { AppError } from "@civicgrid/http";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";
import { timed } from "./server-timing";

/**
 * Per-caller rate limit with the Workers Rate Limiting binding: by token subject when signed in,
 * else by client address. Without the binding (e.g. a unit test), nothing is limited.
 */
export function rateLimit(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.env.RATE_LIMITER;
    if (limiter) {
      // An Open311 app is limited by its api_key (many residents may share one address behind a carrier NAT).
      const apiKey = c.req.query("api_key");
      const key =
        c.get("principal")?.sub ?? (apiKey ? `api_key:${apiKey}` : `ip:${c.req.header("cf-connecting-ip") ?? "local"}`);
      const { success } = await timed(c, "gw-ratelimit", () => limiter.limit({ key }));
      if (!success)
        throw new AppError("rate_limited", "slow down: too many requests from this caller", {
          headers: { "retry-after": "60" },
        });
    }
    await next();
  };
}
