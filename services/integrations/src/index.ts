import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import type { Env } from "./env";
import { consumeQueue } from "./queue";

/**
 * The integrations service: platforms' webhooks and Open311 over HTTP (through the gateway), case events
 * in from the cases service, callbacks out through its own queue with retries and a dead-letter queue.
 * It offers no RPC of its own beyond the shared health and runCron, and has no cron triggers.
 */
export default class IntegrationsService extends ServiceEntrypoint<Env> {
  protected readonly service = "integrations";
  protected readonly app = app;

  override queue(batch: MessageBatch<unknown>): Promise<void> {
    return consumeQueue(this.env, batch, (request) => this.deliverLocally(request));
  }

  /** The local receiver is this worker itself: a callback URL on its internal origin is answered in process. */
  private deliverLocally(request: Request): Promise<Response> {
    return Promise.resolve(this.app.fetch(request, this.env, this.ctx));
  }
}
