// Shared facts of the local setup: where state lives, which workers exist, and an environment for
// wrangler that never phones home (no telemetry, no Request.cf download, no account).
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const STATE_DIR = path.join(ROOT, ".wrangler", "state");
export const DEV_DIR = path.join(ROOT, ".dev");
export const SERVICES = ["registry", "roster", "cases", "notifications", "assessments", "integrations", "basedata"];
/** Workers that serve screens, not an API: no database, no seed, no cron (issue 18). */
export const FRONTENDS = ["console"];
export const GATEWAY_PORT = 8787;
export const GATEWAY_ORIGIN = `http://127.0.0.1:${GATEWAY_PORT}`;

export const OFFLINE_ENV = {
  ...process.env,
  WRANGLER_SEND_METRICS: "false",
  CLOUDFLARE_CF_FETCH_ENABLED: "false",
  WRANGLER_LOG: process.env.WRANGLER_LOG ?? "warn",
};

/** Config files of every worker, the gateway first (it is the one `wrangler dev` serves). */
export function configFiles() {
  return [
    path.join(ROOT, "wrangler.toml"),
    ...[...SERVICES, ...FRONTENDS].map((s) => path.join(ROOT, "services", s, "wrangler.toml")),
  ];
}
