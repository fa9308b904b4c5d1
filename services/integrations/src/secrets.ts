import type { PlatformView } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { z } from "zod";
import type { Env } from "./env";
import { issuedSecrets, type Platform } from "./store/platforms";

const Secrets = z.record(
  z.string(),
  z.array(z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be whsec_<base64>")).min(1),
);

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
export async function activeSecrets(
  env: Env,
  platform: Pick<Platform, "id" | "settingSecretsUntil">,
  now = new Date().toISOString(),
): Promise<ActiveSecret[]> {
  const issued = (await issuedSecrets(env.DB, platform.id, now)).map((r): ActiveSecret => ({
    id: `issued-${r.id}`,
    source: "issued",
    value: r.secret,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  }));
  const until = platform.settingSecretsUntil;
  const fromSetting = until !== null && until <= now ? [] : settingSecrets(env.PLATFORM_SECRETS, platform.id);
  return [
    ...issued,
    ...fromSetting.map((value, i): ActiveSecret => ({
      id: `setting-${i + 1}`,
      source: "setting",
      value,
      createdAt: null,
      expiresAt: until,
    })),
  ];
}

/** A new `whsec_` secret: 32 random bytes, base64. */
export function newSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** What administrators see: the configuration and which secrets verify until when, never a secret's value. */
export async function platformView(env: Env, platform: Platform): Promise<PlatformView> {
  const secrets = await activeSecrets(env, platform);
  const { settingSecretsUntil: _until, updatedAt: _updatedAt, ...rest } = platform;
  return { ...rest, secretsConfigured: secrets.length, secrets: secrets.map(({ value: _value, ...shown }) => shown) };
}
