import type { Reference, ScopeResolver } from "@civicgrid/auth";
import { AppError, assertVersion, authorize, listScope } from "@civicgrid/http";
import type { Context } from "hono";
import { outsideDivision } from "./domain/platform-changes";
import { findPlatform, listPlatforms, type Platform } from "./store/platforms";

/**
 * Who administers which platform, through the shared policy's integration:admin: a platform admin anywhere, an
 * agency for platforms serving a division within its jurisdiction, so a city agency manages its city's platforms.
 */
const ACTION = "integration:admin";

/** The platform, if the caller administers integrations in its division (404 for an unknown one, 403 outside). */
export async function administeredPlatform(c: Context, db: D1Database, platformId: string): Promise<Platform> {
  const platform = await findPlatform(db, platformId);
  if (!platform) throw new AppError("not_found", `no platform ${platformId}`);
  authorize(c, ACTION, { divisionCode: platform.divisionCode });
  return platform;
}

/** A platform the caller administers, at the version its If-Match names (428 without one, 412 when stale). */
export async function editablePlatform(c: Context, db: D1Database, id: string): Promise<Platform> {
  const platform = await administeredPlatform(c, db, id);
  assertVersion(c, platform.version);
  return platform;
}

/** The platforms the caller administers; refused outright when no role of theirs may administer integrations. */
export async function administeredPlatforms(c: Context, db: D1Database): Promise<Platform[]> {
  const { scope } = await listScope(c, ACTION);
  return listPlatforms(db, scope);
}

/** The ids of the platforms the caller administers, or only the one asked for among them. */
export async function administeredIds(c: Context, db: D1Database, asked: string | undefined): Promise<string[]> {
  return (await administeredPlatforms(c, db)).map((p) => p.id).filter((id) => !asked || id === asked);
}

/** The division codes a mapping names, as references checked through the shared rule (assertReferences). */
export function divisionReferences(divisionMap: Record<string, string>): Reference[] {
  return Object.entries(divisionMap).map(([theirs, ours]) => ({
    field: `body.divisionMap.${theirs}`,
    kind: "division",
    id: ours,
    action: ACTION,
  }));
}

/**
 * A division's scope is its own code. There is no registry RPC to tell whether a well-formed code names a real
 * division, so every 12-digit code resolves and only the jurisdiction is checked; other kinds are unknown here.
 */
export const resolveDivision: ScopeResolver = (kind, id) =>
  Promise.resolve(kind === "division" && /^\d{12}$/.test(id) ? { divisionCode: id } : null);

/** Mapped division codes must lie in the platform's own division: 422 naming each one outside. */
export function assertWithin(platformDivision: string, divisionMap: Record<string, string>): void {
  const outside = outsideDivision(platformDivision, divisionMap);
  if (outside.length === 0) return;
  const detail = `division codes outside ${platformDivision}: ${outside.map(([, v]) => v).join(", ")}`;
  const message = (code: string) => `${code} is outside the platform's division ${platformDivision}`;
  throw new AppError("unprocessable", detail, {
    errors: outside.map(([k, v]) => ({ field: `body.divisionMap.${k}`, message: message(v) })),
  });
}
