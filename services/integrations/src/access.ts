import { can, type Reference, type ScopeResolver } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { AppError, assertVersion, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { outsideDivision } from "./domain/platform-changes";
import { findPlatform, listPlatforms, type Platform } from "./store/platforms";

/**
 * Who administers which platform: a platform admin anywhere, an agency for platforms serving a division within
 * its jurisdiction (the shared policy's integration:admin), so a city agency manages its city's platforms.
 */

/** The platform, if the caller administers integrations in its division (404 for an unknown one, 403 outside). */
export async function administeredPlatform(c: Context, db: D1Database, platformId: string): Promise<Platform> {
  const principal = principalOf(c);
  const platform = await findPlatform(db, platformId);
  if (!platform) throw new AppError("not_found", `no platform ${platformId}`);
  if (!can(principal, "integration:admin", { divisionCode: platform.divisionCode })) {
    throw new AppError("forbidden", "integration:admin is not allowed here for your role or outside your jurisdiction");
  }
  return platform;
}

/** A platform the caller administers, at the version its If-Match names (428 without one, 412 when stale). */
export async function editablePlatform(c: Context, db: D1Database, id: string): Promise<Platform> {
  const platform = await administeredPlatform(c, db, id);
  assertVersion(c, platform.version);
  return platform;
}

/** The platforms the caller administers; refused outright when no role of theirs may administer integrations. */
export async function administeredPlatforms(principal: Principal, db: D1Database): Promise<Platform[]> {
  const mine = (await listPlatforms(db)).filter((p) => can(principal, "integration:admin", { divisionCode: p.divisionCode }));
  if (mine.length === 0 && !can(principal, "integration:admin", { divisionCode: principal.divisionCode })) {
    throw new AppError("forbidden", "your role may not integration:admin");
  }
  return mine;
}

/** The ids of the platforms the caller administers, or only the one asked for among them. */
export async function administeredIds(c: Context, db: D1Database, asked: string | undefined): Promise<string[]> {
  return (await administeredPlatforms(principalOf(c), db)).map((p) => p.id).filter((id) => !asked || id === asked);
}

/** The division codes a mapping names, as references checked through the shared rule (assertReferences). */
export function divisionReferences(divisionMap: Record<string, string>): Reference[] {
  return Object.entries(divisionMap).map(([theirs, ours]) => ({ field: `body.divisionMap.${theirs}`, kind: "division", id: ours, action: "integration:admin" }));
}

/**
 * A division's scope is its own code. There is no registry RPC to tell whether a well-formed code names a real
 * division, so every 12-digit code resolves and only the jurisdiction is checked; other kinds are unknown here.
 */
export const resolveDivision: ScopeResolver = (kind, id) => Promise.resolve(kind === "division" && /^\d{12}$/.test(id) ? { divisionCode: id } : null);

/** Mapped division codes must lie in the platform's own division: 422 naming each one outside. */
export function assertWithin(platformDivision: string, divisionMap: Record<string, string>): void {
  const outside = outsideDivision(platformDivision, divisionMap);
  if (outside.length === 0) return;
  throw new AppError("unprocessable", `division codes outside ${platformDivision}: ${outside.map(([, v]) => v).join(", ")}`, {
    errors: outside.map(([k, v]) => ({ field: `body.divisionMap.${k}`, message: `${v} is outside the platform's division ${platformDivision}` })),
  });
}
