import { QUEUES } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import type { ChannelRegistry } from "../channels/channel";
import type { DeliveryJob, Env } from "../env";
import { handleDeliveryBatch } from "./deliver";
import { handleEventBatch } from "./events";

/** This service's own queue of push sends (its consumer and producer are in wrangler.toml). */
export const DELIVERY_QUEUE = "civicgrid-notifications-delivery";

/** Routes a batch to its consumer by the queue it came from. */
export async function handleQueue(batch: MessageBatch, env: Env, channels: ChannelRegistry): Promise<void> {
  switch (batch.queue) {
    case QUEUES.caseEventsNotifications:
    case QUEUES.registryEvents:
      return handleEventBatch(batch, env);
    case DELIVERY_QUEUE:
      return handleDeliveryBatch(batch as MessageBatch<DeliveryJob>, env, channels);
    default:
      log("error", "batch from a queue this service does not consume", { queue: batch.queue });
      batch.retryAll();
  }
}
