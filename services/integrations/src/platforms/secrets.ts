import { AppError } from "@civicgrid/http";
import { z } from "zod";

const Secrets = z.record(z.string(), z.array(z.string().regex(/^whsec_[A-Za-z0-9+/]+={0,2}$/, "must be whsec_<base64>")).min(1));

let cached: { source: string; secrets: Record<string, string[]> } | undefined;

/** The platform's active secrets from PLATFORM_SECRETS (parsed once per isolate; a malformed setting fails loudly). */
export function secretsOf(setting: string | undefined, platform: string): string[] {
  const source = setting ?? "{}";
  if (cached?.source !== source) {
    const parsed = Secrets.safeParse(JSON.parse(source));
    if (!parsed.success) throw new AppError("internal", "PLATFORM_SECRETS is malformed");
    cached = { source, secrets: parsed.data };
  }
  return cached.secrets[platform] ?? [];
}
