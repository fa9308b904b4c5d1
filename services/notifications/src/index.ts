import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { pushChannels } from "./channels";
import { cronJobs } from "./cron";
import type { Env } from "./env";
import { handleQueue } from "./queue";

/** The notifications service: HTTP from the gateway, event and delivery queues, the digest cron. */
export default class NotificationsService extends ServiceEntrypoint<Env> {
  protected readonly service = "notifications";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;

  override queue(batch: MessageBatch): Promise<void> {
    return handleQueue(batch, this.env, pushChannels(this.env));
  }
}
