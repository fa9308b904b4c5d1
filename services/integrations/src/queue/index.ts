import { CALLBACK_QUEUE, type CallbackMessage, type Env } from "../env";
import { consumeCallbacks, type LocalFetch } from "./callbacks";
import { consumeCaseEvents } from "./case-events";

/** Each batch to its consumer, by the queue it came from: our callbacks, or case events. */
export function consumeQueue(env: Env, batch: MessageBatch<unknown>, local: LocalFetch): Promise<void> {
  if (batch.queue === CALLBACK_QUEUE) return consumeCallbacks(env, batch as MessageBatch<CallbackMessage>, local);
  return consumeCaseEvents(env, batch);
}
