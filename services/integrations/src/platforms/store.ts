import type { PlatformView } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Env } from "../env";
import { activeSecrets } from "./secrets";

export interface PlatformRow {
  id: string;
  name: string;
  division_code: string;
  callback_url: string;
  active: number;
  category_map: string;
  division_map: string;
  version: number;
  setting_secrets_until: string | null;
}

export interface Platform {
  id: string;
  name: string;
  divisionCode: string;
  callbackUrl: string;
  active: boolean;
  categoryMap: Record<string, string>;
  divisionMap: Record<string, string>;
  version: number;
  /** When the bootstrap secrets of the PLATFORM_SECRETS setting stop verifying (null: not rotated yet). */
  settingSecretsUntil: string | null;
}

const toPlatform = (row: PlatformRow): Platform => ({
  id: row.id,
  name: row.name,
  divisionCode: row.division_code,
  callbackUrl: row.callback_url,
  active: row.active === 1,
  categoryMap: JSON.parse(row.category_map) as Record<string, string>,
  divisionMap: JSON.parse(row.division_map) as Record<string, string>,
  version: row.version,
  settingSecretsUntil: row.setting_secrets_until,
});

export async function findPlatform(db: D1Database, id: string): Promise<Platform | null> {
  const row = await db.prepare("SELECT * FROM platforms WHERE id = ?1").bind(id).first<PlatformRow>();
  return row ? toPlatform(row) : null;
}

export async function listPlatforms(db: D1Database): Promise<Platform[]> {
  const { results } = await db.prepare("SELECT * FROM platforms ORDER BY id").all<PlatformRow>();
  return results.map(toPlatform);
}

/** What administrators see: the configuration and which secrets verify until when, never a secret's value. */
export async function platformView(env: Env, platform: Platform): Promise<PlatformView> {
  const secrets = await activeSecrets(env, platform);
  const { settingSecretsUntil: _until, ...rest } = platform;
  return { ...rest, secretsConfigured: secrets.length, secrets: secrets.map(({ value: _value, ...shown }) => shown) };
}

/**
 * Their codes → ours, from the platform's configured mapping. An unmapped code is refused by name, so the
 * platform's operators know which mapping to ask for; nothing is guessed.
 */
export function mapCodes(platform: Platform, categoryCode: string, divisionCode: string): { matterCode: string; divisionCode: string } {
  const matterCode = platform.categoryMap[categoryCode];
  if (!matterCode) {
    throw new AppError("unprocessable", `category code ${categoryCode} of ${platform.id} is not mapped to a matter`, {
      errors: [{ field: "body.data.categoryCode", message: `unmapped code ${categoryCode}` }],
    });
  }
  const ours = platform.divisionMap[divisionCode];
  if (!ours) {
    throw new AppError("unprocessable", `division code ${divisionCode} of ${platform.id} is not mapped to a division`, {
      errors: [{ field: "body.data.divisionCode", message: `unmapped code ${divisionCode}` }],
    });
  }
  return { matterCode, divisionCode: ours };
}
