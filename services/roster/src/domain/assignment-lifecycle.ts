import type { Assignment } from "@civicgrid/contracts";
import type { z } from "@hono/zod-openapi";
import type { Refusal } from "./refusal";

type Status = z.infer<typeof Assignment>["status"];

/**
 * The commands on an appointment and the statuses each starts from (Jiangmen: the public notice 上岗公示
 * precedes duty; objections are raised while it runs). Their guards are in appointment-rules.ts.
 */
const FROM = {
  start: {
    from: ["notice"],
    refused: (s) => ({ code: "invalid_transition", detail: `the assignment is ${s}`, extra: { allowed: [] } }),
  },
  end: {
    from: ["notice", "active"],
    refused: (s) => ({ code: "invalid_transition", detail: `the assignment is already ${s}`, extra: { allowed: [] } }),
  },
  transfer: {
    from: ["active"],
    refused: () => ({
      code: "invalid_transition",
      detail: "only a serving worker is transferred; a pending appointment is ended and made anew",
    }),
  },
  object: {
    from: ["notice"],
    refused: () => ({ code: "invalid_transition", detail: "objections are recorded while the notice runs" }),
  },
} satisfies Record<string, { from: readonly Status[]; refused: (status: Status) => Refusal }>;

/** Why `command` cannot run on an assignment in `status`, or null when it can. */
export function lifecycleRefusal(command: keyof typeof FROM, status: Status): Refusal | null {
  const rule = FROM[command];
  return (rule.from as readonly Status[]).includes(status) ? null : rule.refused(status);
}

/** Ending a serving worker's assignment ends it; one still under notice is withdrawn. */
export const endedStatus = (status: Status): "ended" | "withdrawn" => (status === "active" ? "ended" : "withdrawn");
