import type { Health } from "@civicgrid/contracts";
import type { CronOutcome, KitEnv } from "@civicgrid/http";
import { z } from "zod";

/** What the gateway may call on every service binding: HTTP, and the RPC methods all services share. */
export type ServiceBinding = Fetcher & {
  health(): Promise<Health>;
  runCron(cron: string): Promise<CronOutcome>;
};

export interface Bindings {
  REGISTRY: ServiceBinding;
  ROSTER: ServiceBinding;
  CASES: ServiceBinding;
  NOTIFICATIONS: ServiceBinding;
  ASSESSMENTS: ServiceBinding;
  INTEGRATIONS: ServiceBinding;
  BASEDATA: ServiceBinding;
  /** The screens (services/console): every page outside /v1, served on this origin so the app needs no CORS. */
  CONSOLE: Fetcher;
  RATE_LIMITER?: RateLimit;
  INTERNAL_TOKEN_SECRET: string;
  AUTH_ISSUER: string;
  AUTH_AUDIENCE: string;
  AUTH_JWKS_URL: string;
  AUTH_CLOCK_TOLERANCE_SECONDS?: string;
  CORS_ORIGINS?: string;
  MAX_BODY_BYTES?: string;
  /** The one larger body: a ledger file uploaded for import (see domain/body-limits.ts). */
  MAX_IMPORT_BODY_BYTES?: string;
  /** Issue 16 media: a case file upload (a video of up to 50 MB with its multipart framing). */
  MAX_MEDIA_BODY_BYTES?: string;
  /** Local development only: the dev issuer's public JWKS, served at /dev/jwks.json. */
  DEV_ISSUER_JWKS?: string;
  /** `on`: answer with Server-Timing (the gateway's hops and the services'); off unless set (middleware/server-timing.ts). */
  SERVER_TIMING?: string;
}

export type AppEnv = KitEnv<Bindings>;

/** The gateway's settings, parsed once per isolate from the environment (a bad setting fails loudly). */
export const Settings = z.object({
  INTERNAL_TOKEN_SECRET: z.string().min(32, "INTERNAL_TOKEN_SECRET must be at least 32 characters"),
  AUTH_ISSUER: z.string().min(1),
  AUTH_AUDIENCE: z.string().min(1),
  AUTH_JWKS_URL: z.url(),
  AUTH_CLOCK_TOLERANCE_SECONDS: z.coerce.number().int().min(0).max(300).default(30),
  CORS_ORIGINS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((o) => o.trim())
        .filter(Boolean),
    ),
  MAX_BODY_BYTES: z.coerce.number().int().positive().default(1_048_576),
  MAX_IMPORT_BODY_BYTES: z.coerce.number().int().positive().default(52_428_800),
  MAX_MEDIA_BODY_BYTES: z.coerce.number().int().positive().default(53_477_376),
  DEV_ISSUER_JWKS: z.string().optional(),
  SERVER_TIMING: z.enum(["on", "off"]).default("off"),
});
export type Settings = z.infer<typeof Settings>;

let cached: { source: Bindings; settings: Settings } | undefined;

export function settingsOf(env: Bindings): Settings {
  if (cached?.source === env) return cached.settings;
  const settings = Settings.parse(env);
  cached = { source: env, settings };
  return settings;
}
