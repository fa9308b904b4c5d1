import { operates, operatorScope } from "../domain/access";
import type { Principal } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";

/** The division-code prefix an operator's lists are cut to; 403 for a caller who operates nothing. */
export function operatorPrefix(principal: Principal): string {
  const scope = operatorScope(principal);
  if ("refused" in scope) throw new AppError(scope.refused, scope.detail);
  return scope.prefix;
}

/** 403 for a non-operator; an item of another jurisdiction is answered 404, so its existence does not leak. */
export function assertOperatorOf(principal: Principal, divisionCode: string, what: string): void {
  operatorPrefix(principal);
  if (!operates(principal, divisionCode)) throw new AppError("not_found", `no ${what} here`);
}
