import { AppError } from "@civicgrid/http";
import { isRefusal, type Refusal } from "../domain/refusal";

/** The problem+json a domain refusal answers with. */
export function refusedError(refusal: Refusal): AppError {
  return new AppError(refusal.refused, refusal.message, {
    ...(refusal.errors ? { errors: refusal.errors } : {}),
    ...(refusal.extra ? { extra: refusal.extra } : {}),
  });
}

/** The value, or the refusal thrown as problem+json. */
export function orRefuse<T>(value: T | Refusal): T {
  if (isRefusal(value)) throw refusedError(value);
  return value;
}
