import { PRINCIPAL_HEADER, signInternalPrincipal } from "@civicgrid/auth";
import type { Principal } from "@civicgrid/contracts";
import { TEST_INTERNAL_SECRET } from "./constants";

/** Headers a request carries when the gateway forwards it for `principal`. */
export async function asPrincipal(
  principal: Principal,
  extra: Record<string, string> = {},
): Promise<Record<string, string>> {
  return { [PRINCIPAL_HEADER]: await signInternalPrincipal(principal, TEST_INTERNAL_SECRET), ...extra };
}

/** JSON request init for a principal: `await SELF.fetch(url, await jsonAs(p, "POST", body))`. */
export async function jsonAs(
  principal: Principal,
  method: string,
  body?: unknown,
  extra: Record<string, string> = {},
): Promise<RequestInit> {
  return {
    method,
    headers: await asPrincipal(principal, { "content-type": "application/json", ...extra }),
    body: body === undefined ? undefined : JSON.stringify(body),
  };
}
