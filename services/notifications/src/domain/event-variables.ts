import type { CaseEventData, DeadLetterAlertData } from "@civicgrid/contracts";
import { formatLocal } from "./local-time";
import type { Variables } from "./template";

const STEP_NAMES: Record<string, string> = {
  accept: "受理",
  dispatch: "派遣",
  sign: "签收",
  handle: "办理",
  check: "核查",
};

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** Template variables of a case event: what the zh-CN templates may quote. */
export function caseVariables(data: CaseEventData): Variables {
  const details = data.details ?? {};
  return {
    caseId: data.caseId,
    title: data.title,
    gridCode: data.gridCode,
    countyCode: data.countyCode,
    categoryCode: data.categoryCode,
    step: data.step ? (STEP_NAMES[data.step] ?? data.step) : undefined,
    dueAt: data.dueAt ? formatLocal(data.dueAt) : undefined,
    reason: text(details.reason),
  };
}

/** Template variables of a registry change. */
export function gridVariables(data: { gridCode: string }): Variables {
  return { gridCode: data.gridCode };
}

/** Template variables of a dead-letter alert. */
export function deadLetterVariables(data: DeadLetterAlertData): Variables {
  const error = data.error ?? "未记录失败原因";
  return { queue: data.queue, messageId: data.messageId, deadLetterId: data.deadLetterId, error };
}
