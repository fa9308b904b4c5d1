import { AppError } from "@civicgrid/http";
import type { PatrolRefusal } from "./domain/patrol";

/** Turns a domain refusal (a value) into the problem+json answer: a field error when it names the input. */
export function refuse(refusal: PatrolRefusal | null): void {
  if (!refusal) return;
  if (refusal.field) throw AppError.field(refusal.field, refusal.detail, refusal.code);
  throw new AppError(refusal.code, refusal.detail);
}
