import { AppError } from "@civicgrid/http";
import { z } from "zod";
import type { Env } from "../env";
import type { Platform } from "./store";

const Secrets = z.record(z.string(), z.array(z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be whsec_<base64>")).min(1));

let cached: { source: string; secrets: Record<string, string[]> } | undefined;

/** The platform's bootstrap secrets from PLATFORM_SECRETS (parsed once per isolate; a malformed setting fails loudly). */
function settingSecrets(setting: string | undefined, platform: string): string[] {
  const source = setting ?? "{}";
  if (cached?.source !== source) {
    const parsed = Secrets.safeParse(JSON.parse(source));
    if (!parsed.success) throw new AppError("internal", "PLATFORM_SECRETS is malformed");
    cached = { source, secrets: parsed.data };
  }
  return cached.secrets[platform] ?? [];
}

/** A secret that verifies now, and how it is shown to administrators (never its value). */
export interface ActiveSecret {
  id: string;
  source: "setting" | "issued";
  value: string;
  createdAt: string | null;
  expiresAt: string | null;
}

/**
 * Every secret of the platform that verifies now: those issued through the admin API (newest first), then the
 * bootstrap ones from the setting until the first rotation's grace period ends. Callbacks are signed with all
 * of them (Standard Webhooks allows several signatures), so a platform holding either side of a rotation verifies.
 */
export async function activeSecrets(env: Env, platform: Pick<Platform, "id" | "settingSecretsUntil">, now = new Date().toISOString()): Promise<ActiveSecret[]> {
  const { results } = await env.DB.prepare(
    "SELECT id, secret, created_at, expires_at FROM platform_secrets WHERE platform = ?1 AND (expires_at IS NULL OR expires_at > ?2) ORDER BY id DESC",
  )
    .bind(platform.id, now)
    .all<{ id: number; secret: string; created_at: string; expires_at: string | null }>();
  const issued = results.map((r): ActiveSecret => ({ id: `issued-${r.id}`, source: "issued", value: r.secret, createdAt: r.created_at, expiresAt: r.expires_at }));
  const until = platform.settingSecretsUntil;
  const fromSetting = until !== null && until <= now ? [] : settingSecrets(env.PLATFORM_SECRETS, platform.id);
  return [...issued, ...fromSetting.map((value, i): ActiveSecret => ({ id: `setting-${i + 1}`, source: "setting", value, createdAt: null, expiresAt: until }))];
}

/** A new `whsec_` secret: 32 random bytes, base64. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}
