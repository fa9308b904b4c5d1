import { EventEnvelope } from "@civicgrid/contracts";
import { log } from "./logging";

/**
 * One policy for every event consumer, so that a message is never dropped silently and never retried in a
 * tight loop:
 * - a message that cannot be read (`parse` throws) is logged and retried, so that after the queue's
 *   `max_retries` it lands in the dead-letter queue, where it is kept and can be redriven;
 * - a message that is not this consumer's (`parse` returns null: another event type) is acknowledged;
 * - a handler that fails is retried after `retryDelaySeconds(attempts)`;
 * - a handled message is acknowledged.
 * Delivery is at least once: handlers dedupe on the event id (a unique key, INSERT OR IGNORE, a version guard).
 */
export type ReadEvent<T> = (body: unknown) => T | null;

type Common = { service: string };
export type ConsumeOptions<T> = Common & {
  parse: ReadEvent<T>;
  handle: (event: T, message: Message) => Promise<unknown>;
};
export type ConsumeEnvelopeOptions = Common & { handle: (event: EventEnvelope, message: Message) => Promise<unknown> };
export type ConsumeBatchOptions<T> = Common & { parse: ReadEvent<T>; handleAll: (events: T[]) => Promise<unknown> };
export type ConsumeEnvelopeBatchOptions = Common & { handleAll: (events: EventEnvelope[]) => Promise<unknown> };

/** Seconds before a failed message is tried again: 30 s, 60 s, 120 s, ... at most an hour. */
export function retryDelaySeconds(attempts: number): number {
  return Math.min(30 * 2 ** (Math.max(1, attempts) - 1), 3600);
}

const readEnvelope: ReadEvent<EventEnvelope> = (body) => EventEnvelope.parse(body);

/** What a message says, or undefined once it was settled here (unreadable: retried; not ours: acknowledged). */
function read<T>(message: Message, parse: ReadEvent<T>, queue: string, service: string): T | undefined {
  const context = { service, queue, messageId: message.id, attempts: message.attempts };
  let event: T | null;
  try {
    event = parse(message.body);
  } catch (error) {
    // The reason's kind and paths only: a message body may carry personal data, and logs must not.
    log("warn", "unreadable event; retried until it is dead-lettered", { ...context, reason: reasonOf(error) });
    message.retry();
    return undefined;
  }
  if (event === null) {
    log("info", "event not read by this consumer; acknowledged", context);
    message.ack();
    return undefined;
  }
  return event;
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return "unknown";
  const issues = (error as { issues?: { path: PropertyKey[]; code: string }[] }).issues;
  if (!issues) return error.name;
  return issues.map((i) => `${i.path.map(String).join(".") || "(root)"}: ${i.code}`).join("; ");
}

function logFailure(context: Record<string, unknown>, error: unknown) {
  const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  log("error", "event not processed; retrying with backoff", { ...context, error: reason });
}

const retryLater = (message: Message) => message.retry({ delaySeconds: retryDelaySeconds(message.attempts) });

/** The readable messages of a batch that are this consumer's; the others are settled (see `read`). */
function readAll<T>(batch: MessageBatch, options: Common & { parse?: ReadEvent<T> }) {
  const parse = options.parse ?? (readEnvelope as ReadEvent<unknown> as ReadEvent<T>);
  const readable: { message: Message; event: T }[] = [];
  for (const message of batch.messages) {
    const event = read(message, parse, batch.queue, options.service);
    if (event !== undefined) readable.push({ message, event });
  }
  return readable;
}

/** Each message on its own: read, handled, acknowledged; a failure retries that message only. */
export async function consumeEvents<T>(batch: MessageBatch, options: ConsumeOptions<T>): Promise<void>;
export async function consumeEvents(batch: MessageBatch, options: ConsumeEnvelopeOptions): Promise<void>;
export async function consumeEvents<T>(
  batch: MessageBatch,
  options: ConsumeOptions<T> | ConsumeEnvelopeOptions,
): Promise<void> {
  const handle = options.handle as (event: T, message: Message) => Promise<unknown>;
  for (const { message, event } of readAll<T>(batch, options as ConsumeOptions<T>)) {
    try {
      await handle(event, message);
      message.ack();
    } catch (error) {
      const context = { service: options.service, queue: batch.queue, messageId: message.id };
      logFailure({ ...context, attempts: message.attempts }, error);
      retryLater(message);
    }
  }
}

/**
 * For a consumer that writes a whole batch at once (one D1 batch): the readable messages are handled together;
 * when that fails, every one of them is retried (each with its own backoff), and when it succeeds each is
 * acknowledged. Unreadable messages and those not this consumer's are settled as in `consumeEvents`.
 */
export async function consumeEventBatch<T>(batch: MessageBatch, options: ConsumeBatchOptions<T>): Promise<void>;
export async function consumeEventBatch(batch: MessageBatch, options: ConsumeEnvelopeBatchOptions): Promise<void>;
export async function consumeEventBatch<T>(
  batch: MessageBatch,
  options: ConsumeBatchOptions<T> | ConsumeEnvelopeBatchOptions,
): Promise<void> {
  const handleAll = options.handleAll as (events: T[]) => Promise<unknown>;
  const readable = readAll<T>(batch, options as ConsumeBatchOptions<T>);
  if (readable.length === 0) return;
  try {
    await handleAll(readable.map((r) => r.event));
  } catch (error) {
    logFailure({ service: options.service, queue: batch.queue, messages: readable.length }, error);
    for (const r of readable) retryLater(r.message);
    return;
  }
  for (const r of readable) r.message.ack();
}
