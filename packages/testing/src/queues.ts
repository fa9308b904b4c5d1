import { createMessageBatch } from "cloudflare:test";

/**
 * A queue batch for a consumer under test, with every `retry()` delay recorded on the way through
 * (getQueueResult reports which messages were retried, not with what backoff).
 */
export function watchedBatch<Body>(
  queue: string,
  bodies: Body[],
  attempts = 1,
): { batch: MessageBatch<Body>; delays: (number | undefined)[] } {
  const messages = bodies.map((body, i) => ({
    id: `m-${i}-${crypto.randomUUID()}`,
    timestamp: new Date(),
    attempts,
    body,
  }));
  const batch = createMessageBatch<Body>(queue, messages);
  const delays: (number | undefined)[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options?: QueueRetryOptions) => {
      delays.push(options?.delaySeconds);
      retry(options);
    };
  }
  return { batch, delays };
}
