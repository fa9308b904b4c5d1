/** Attempts a push gets per drive before it is dead-lettered (a redrive grants as many again). */
export const MAX_ATTEMPTS = 5;

/** Exponential backoff: 30 s, 60 s, 120 s, ... capped at an hour. */
export function backoffSeconds(attempt: number): number {
  return Math.min(30 * 2 ** Math.max(0, attempt - 1), 3600);
}
