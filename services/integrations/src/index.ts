import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { consumeCaseEvents } from "./callbacks/case-events";
import { consumeCallbacks, consumeDeadLetters } from "./callbacks/send";
import { CALLBACK_DLQ, CALLBACK_QUEUE, type CallbackMessage, type Env } from "./env";

/**
 * The integrations service: platforms' webhooks and Open311 over HTTP (through the gateway), case events
 * in from the cases service, callbacks out through its own queue with retries and a dead-letter queue.
 */
export default class IntegrationsService extends ServiceEntrypoint<Env> {
  protected readonly service = "integrations";
  protected readonly app = app;

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    if (batch.queue === CALLBACK_QUEUE) return consumeCallbacks(this.env, batch as MessageBatch<CallbackMessage>, (request) => this.deliverLocally(request));
    if (batch.queue === CALLBACK_DLQ) return consumeDeadLetters(this.env, batch as MessageBatch<CallbackMessage>);
    return consumeCaseEvents(this.env, batch);
  }

  /** The local receiver is this worker itself: a callback URL on its internal origin is answered in process. */
  private deliverLocally(request: Request): Promise<Response> {
    return Promise.resolve(this.app.fetch(request, this.env, this.ctx));
  }
}
