import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { pushChannels } from "./channels";
import { releaseDeferred } from "./digest";
import type { Env } from "./env";
import { handleQueue } from "./queues";

/** The notifications service: HTTP from the gateway, event and delivery queues, the digest cron. */
export default class NotificationsService extends ServiceEntrypoint<Env> {
  protected readonly service = "notifications";
  protected readonly app = app;
  protected override readonly cronJobs = {
    "*/10 * * * *": (env: Env, _ctx: ExecutionContext, at: Date) => releaseDeferred(env, at),
  };

  override queue(batch: MessageBatch): Promise<void> {
    return handleQueue(batch, this.env, pushChannels(this.env));
  }
}
