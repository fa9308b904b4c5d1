import { countyOf, VisitReminderData } from "@civicgrid/contracts";
import { consumeEvents } from "@civicgrid/http";
import type { Env } from "../env";
import { dbOf } from "../store/db";
import { deliverEvent } from "./events";
import { clearFailures, recordFailure } from "./failures";

/**
 * A worker's login subject. Roster users carry the worker they are (users.workerId), and the platform names a
 * worker's login `user-<workerId>` (demo users, roster's own tests); the inbox addresses `user:<sub>` keys.
 */
export const workerSubject = (workerId: string) => `user-${workerId}`;

/**
 * A grid's daily visit reminder (走访提醒, from base data's visit plans): an inbox message for each worker serving
 * the grid today (RosterRpc.gridServers), with the counts due and overdue and never whom. The event id is the
 * grid and the day, and deliveries dedupe on (event, recipient, channel), so a grid is reminded once a day.
 */
async function handleReminder(event: Parameters<typeof deliverEvent>[0], env: Env) {
  const data = VisitReminderData.parse(event.data);
  const servers = await env.ROSTER.gridServers(data.gridCode);
  const workerSubs = servers.map((s) => workerSubject(s.workerId));
  const variables = { gridCode: data.gridCode, due: data.due, overdue: data.overdue, day: data.day };
  const subject = {
    facts: { data: { ...data, workerSubs }, variables },
    divisionCode: countyOf(data.gridCode),
    caseId: null,
  };
  return deliverEvent(event, subject, env);
}

/**
 * The consumer of civicgrid-basedata-events-notifications on the shared policy: a reminder that cannot be read is
 * retried until it is dead-lettered; events of other types are acknowledged and ignored.
 */
export function handleBasedataBatch(batch: MessageBatch, env: Env): Promise<void> {
  const db = dbOf(env.DB);
  return consumeEvents(batch, {
    service: "notifications",
    handle: async (event, message) => {
      if (event.type !== "basedata.visit.reminder") return;
      try {
        await handleReminder(event, env);
      } catch (error) {
        await recordFailure(db, batch.queue, message.body, error).catch(() => undefined);
        throw error;
      }
      await clearFailures(db, batch.queue, message);
    },
  });
}
