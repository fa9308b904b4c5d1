import { CALLBACK_DLQ, CALLBACK_QUEUE, type CallbackMessage, type Env } from "../env";
import { consumeCallbacks, consumeDeadLetters, type LocalFetch } from "./callbacks";
import { consumeCaseEvents } from "./case-events";

/** Each batch to its consumer, by the queue it came from: our callbacks, their dead letters, or case events. */
export function consumeQueue(env: Env, batch: MessageBatch<unknown>, local: LocalFetch): Promise<void> {
  if (batch.queue === CALLBACK_QUEUE) return consumeCallbacks(env, batch as MessageBatch<CallbackMessage>, local);
  if (batch.queue === CALLBACK_DLQ) return consumeDeadLetters(env, batch as MessageBatch<CallbackMessage>);
  return consumeCaseEvents(env, batch);
}
