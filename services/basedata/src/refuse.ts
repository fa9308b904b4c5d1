import { AppError } from "@civicgrid/http";
import type { Outcome, Refusal } from "./domain/refusal";

/** Answers a domain refusal as problem+json; nothing when the domain allows the request. */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw new AppError(refusal.code, refusal.detail, { extra: refusal.extra, errors: refusal.errors });
}

/** The value of an outcome, or the refusal answered as problem+json. */
export function valueOf<T>(outcome: Outcome<T>): T {
  if (!outcome.ok) refuse(outcome.refusal);
  return (outcome as { ok: true; value: T }).value;
}
