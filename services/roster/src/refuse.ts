import { AppError } from "@civicgrid/http";
import type { Refusal } from "./domain/refusal";

/** Answers a domain refusal as problem+json; nothing when the domain allows the request. */
export function refuse(refusal: Refusal | null): void {
  if (refusal) throw new AppError(refusal.code, refusal.detail, { extra: refusal.extra, errors: refusal.errors });
}
