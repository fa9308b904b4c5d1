import { QUEUES } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import type { ChannelRegistry } from "../channels/channel";
import type { DeliveryJob, Env } from "../env";
import { handleDeliveryBatch } from "./deliver";
import { DEAD_LETTER_QUEUE, DELIVERY_QUEUE, handleDeadLetterBatch } from "./dead-letters";
import { handleBasedataBatch } from "./basedata-events";
import { handleEventBatch } from "./events";

/** Routes a batch to its consumer by the queue it came from. */
export async function handleQueue(batch: MessageBatch, env: Env, channels: ChannelRegistry): Promise<void> {
  switch (batch.queue) {
    case QUEUES.caseEventsNotifications:
    case QUEUES.registryEvents:
      return handleEventBatch(batch, env);
    case QUEUES.basedataNotifications:
      return handleBasedataBatch(batch, env);
    case DELIVERY_QUEUE:
      return handleDeliveryBatch(batch as MessageBatch<DeliveryJob>, env, channels);
    case DEAD_LETTER_QUEUE:
      return handleDeadLetterBatch(batch, env);
    default:
      log("error", "batch from a queue this service does not consume", { queue: batch.queue });
      batch.retryAll();
  }
}
