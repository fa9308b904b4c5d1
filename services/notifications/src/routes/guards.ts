import { AppError, authorizeEver, listScope } from "@civicgrid/http";
import type { Context } from "hono";
import { operates } from "../domain/access";

/**
 * Who operates notifications (rules, templates, the delivery log, the SMS sink): agency staff within their
 * jurisdiction, the platform administrators everywhere. The division-code prefix an operator's lists are cut to
 * ("" for everything); 403 for a caller who operates nothing.
 */
export async function operatorPrefix(c: Context): Promise<string> {
  const { scope } = await listScope(c, "notification:admin");
  if ("all" in scope) return "";
  if ("prefix" in scope) return scope.prefix;
  throw new AppError("forbidden", "only agency staff operate notifications");
}

/** 403 for a non-operator; an item of another jurisdiction is answered 404, so its existence does not leak. */
export function assertOperatorOf(c: Context, divisionCode: string, what: string): void {
  const principal = authorizeEver(c, "notification:admin");
  if (!operates(principal, divisionCode)) throw new AppError("not_found", `no ${what} here`);
}
