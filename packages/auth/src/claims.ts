import { Principal } from "@civicgrid/contracts";
import type { JWTPayload } from "jose";
import { AuthError } from "./errors";

/**
 * Our claim names in an access token. Identity providers are configured to emit these:
 * `roles`, `division` (12-digit code of the jurisdiction), `dept` and `grids`.
 */
export interface CivicClaims extends JWTPayload {
  name?: string;
  roles?: string[];
  division?: string;
  dept?: string;
  grids?: string[];
}

export function principalFromClaims(payload: CivicClaims): Principal {
  const parsed = Principal.safeParse({
    sub: payload.sub,
    name: payload.name,
    roles: payload.roles,
    divisionCode: payload.division,
    departmentId: payload.dept,
    grids: payload.grids,
  });
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => i.path.join(".")).join(", ");
    throw new AuthError("bad_claims", `token claims are incomplete or invalid: ${fields}`);
  }
  return parsed.data;
}

export function claimsFromPrincipal(p: Principal): CivicClaims {
  return { sub: p.sub, name: p.name, roles: p.roles, division: p.divisionCode, dept: p.departmentId, grids: p.grids };
}
