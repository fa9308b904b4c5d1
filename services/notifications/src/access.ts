import { can, mayEver } from "@civicgrid/auth";
import { divisionPrefix, type Principal } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";

/** Refuses callers with no role that may operate notifications anywhere. */
export function requireOperator(principal: Principal): void {
  if (!mayEver(principal, "notification:admin")) throw new AppError("forbidden", "only agency staff operate notifications");
}

/** The division-code prefix an operator's lists are cut to ("" for a platform admin: everything). */
export function operatorPrefix(principal: Principal): string {
  requireOperator(principal);
  return principal.roles.includes("platform_admin") ? "" : divisionPrefix(principal.divisionCode);
}

/** An item of another jurisdiction is answered as absent, so its existence does not leak. */
export function assertOperatorOf(principal: Principal, divisionCode: string, what: string): void {
  requireOperator(principal);
  if (!can(principal, "notification:admin", { divisionCode })) throw new AppError("not_found", `no ${what} here`);
}
