import type { paths } from "@civicgrid/client";
import { api, must } from "../../shared/api";
import type { SessionUser } from "../../shared/session";
import type { Case } from "./labels";

/** The case commands these screens offer, in the order their buttons appear. */
export const COMMANDS = [
  "verify",
  "accept",
  "dispatch",
  "rule-return",
  "review-extension",
  "check",
  "escalate",
  "sign",
  "handle",
  "return",
  "request-extension",
] as const;
export type CommandName = (typeof COMMANDS)[number];

export const COMMAND_NAMES: Record<CommandName, string> = {
  verify: "核实",
  accept: "受理",
  dispatch: "派遣",
  "rule-return": "裁定退单",
  "review-extension": "审核延期",
  check: "核查",
  escalate: "上报上级",
  sign: "签收",
  handle: "办结（处置）",
  return: "退单",
  "request-extension": "申请延期",
};

export type CommandBody<N extends CommandName> = NonNullable<
  paths[`/v1/cases/{id}/${N}`]["post"]["requestBody"]
>["content"]["application/json"];

const CITY_LEVEL = /^\d{4}0{8}$/;

/**
 * The commands the signed-in user may issue on this case now. The API does not publish them with the case (only a
 * refused command's 409 names them), so they are derived here from the case's status, its pending return ruling or
 * extension, and the user's role and department, as the API's lifecycle table states them. The API still decides:
 * a refusal is shown with its detail.
 */
export function allowedNow(c: Case, user: SessionUser): CommandName[] {
  const agency = user.roles.includes("agency");
  const department = user.roles.includes("department") && !!user.dept;
  const mine = department && (c.leadDepartmentId === user.dept || c.assistingDepartmentIds.includes(user.dept ?? ""));
  const lead = department && c.leadDepartmentId === user.dept;
  const out = new Set<CommandName>();
  const returnPending = c.returnClaim?.status === "pending";
  const extensionPending = c.extension?.status === "pending";
  if (agency) {
    if (c.status === "reported") out.add("verify");
    if (c.status === "verified") out.add("accept");
    if (c.status === "accepted" && returnPending) out.add("rule-return");
    if (c.status === "accepted" && !returnPending) out.add("dispatch");
    if ((c.status === "dispatched" || c.status === "signed") && extensionPending) out.add("review-extension");
    if (c.status === "handled") out.add("check");
    if (["reported", "verified", "accepted"].includes(c.status) && !CITY_LEVEL.test(c.holderDivisionCode))
      out.add("escalate");
  }
  if (mine && lead) {
    if (c.status === "dispatched") out.add("sign");
    if (c.status === "signed") out.add("handle");
    const rejectedBefore = c.returnClaim?.status === "rejected";
    if ((c.status === "dispatched" || c.status === "signed") && !rejectedBefore) out.add("return");
    if ((c.status === "dispatched" || c.status === "signed") && !extensionPending && c.pause?.status !== "approved")
      out.add("request-extension");
  }
  return COMMANDS.filter((n) => out.has(n));
}

/**
 * Issues one command with If-Match (the version the page shows, so a change by someone else meanwhile is refused
 * with 412 rather than overwritten) and an idempotency key (a retried click does not act twice).
 */
export async function issue<N extends CommandName>(c: Case, name: N, body: CommandBody<N>): Promise<Case> {
  // One literal path stands for the union: every command path takes the same id, headers and answer (the case).
  const path = `/v1/cases/{id}/${name}` as "/v1/cases/{id}/accept";
  return must(
    api.POST(path, {
      params: {
        path: { id: c.id },
        header: { "if-match": `"v${c.version}"`, "idempotency-key": `console-${crypto.randomUUID()}` },
      },
      body: body as CommandBody<"accept">,
    }),
  );
}
