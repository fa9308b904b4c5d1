import { z } from "@hono/zod-openapi";

export const LimitUnit = z.enum(["working_days", "working_hours", "minutes"]);
export type LimitUnit = z.infer<typeof LimitUnit>;

/**
 * The time limit of one step of a case (办理时限): a whole number of working days, working hours or minutes. The
 * registry's matter lists set it per matter (admission items); a case carries the limits it was opened with.
 */
export const StepLimit = z.object({ amount: z.number().int().positive().max(100_000), unit: LimitUnit });
export type StepLimit = z.infer<typeof StepLimit>;
