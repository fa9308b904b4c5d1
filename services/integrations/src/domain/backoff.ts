/** Exponential backoff of a failed callback: 10 s, 20 s, 40 s … capped at an hour (Queues allow up to 12 h). */
export function backoffSeconds(attempts: number): number {
  return Math.min(3600, 10 * 2 ** Math.max(0, attempts - 1));
}
