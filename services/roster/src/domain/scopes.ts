import type { ResourceScope } from "@civicgrid/auth";
import type { Worker } from "@civicgrid/contracts";

/** The village (12 digits) a grid code (village + 3-digit sequence) lies in. */
export function gridDivision(gridCode: string): string {
  return gridCode.slice(0, 12);
}

/** Where a worker lies for access checks: their division, and their department when they come from one. */
export const workerScope = (w: Pick<Worker, "divisionCode" | "departmentId">): ResourceScope => ({
  divisionCode: w.divisionCode,
  ...(w.departmentId ? { departmentId: w.departmentId } : {}),
});
