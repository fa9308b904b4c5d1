import type { paths } from "@civicgrid/client";
import { api, must } from "../../shared/api";
import { useEffect, useState } from "preact/hooks";
import { shownProblem, type ShownProblem } from "../../shared/problem";
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

/**
 * The commands the API says the signed-in user may run on this case at the version shown (its status, guards, role
 * and unit, as a command would be checked), among those these screens have forms for; null while it is asked, and
 * asked again whenever the case changes version.
 */
export function useAllowed(c: Case): { allowed: CommandName[] | null; problem: ShownProblem | null } {
  const [answer, setAnswer] = useState<{ version: number; allowed: CommandName[] } | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    let live = true;
    setProblem(null);
    must(api.GET("/v1/cases/{id}/commands", { params: { path: { id: c.id } } })).then(
      (r) => live && setAnswer({ version: r.version, allowed: COMMANDS.filter((n) => r.allowed.includes(n)) }),
      (e: unknown) => live && setProblem(shownProblem(e)),
    );
    return () => void (live = false);
  }, [c.id, c.version]);
  return { allowed: answer && answer.version === c.version ? answer.allowed : null, problem };
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
