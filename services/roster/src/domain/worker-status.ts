import type { Worker } from "@civicgrid/contracts";
import type { Refusal } from "./refusal";

/** Why a worker's status may not change to `next`: dismissal is final, and a change must change something. */
export function statusChangeRefusal(current: Worker["status"], next: Worker["status"]): Refusal | null {
  if (current === "dismissed") {
    const detail = "a dismissed worker stays dismissed; register a new appointment instead";
    return { code: "invalid_transition", detail, extra: { allowed: [] } };
  }
  if (current === next) return { code: "invalid_transition", detail: `the worker is already ${current}` };
  return null;
}

/** Why an assignment ends when its worker is dismissed (kept in its end_reason). */
export const dismissalReason = (reason: string) => `dismissed: ${reason}`;
