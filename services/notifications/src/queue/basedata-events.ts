import { countyOf, VisitReminderData } from "@civicgrid/contracts";
import type { Env } from "../env";
import type { RuleLookups } from "../store/rules";
import { deliverEvent, handleEventBatch } from "./events";

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
async function handleReminder(event: Parameters<typeof deliverEvent>[0], env: Env, lookups: RuleLookups) {
  const data = VisitReminderData.parse(event.data);
  const servers = await env.ROSTER.gridServers(data.gridCode);
  const workerSubs = servers.map((s) => workerSubject(s.workerId));
  const variables = { gridCode: data.gridCode, due: data.due, overdue: data.overdue, day: data.day };
  const subject = {
    facts: { data: { ...data, workerSubs }, variables },
    divisionCode: countyOf(data.gridCode),
    caseId: null,
  };
  return deliverEvent(event, subject, env, new Date(), lookups);
}

/**
 * The consumer of civicgrid-basedata-events-notifications, on the policy of the other event queues (events.ts): a
 * reminder that cannot be read is retried until it is dead-lettered; events of other types are acknowledged.
 */
export function handleBasedataBatch(batch: MessageBatch, env: Env): Promise<void> {
  return handleEventBatch(batch, env, async (event, _env, lookups) =>
    event.type === "basedata.visit.reminder" ? handleReminder(event, env, lookups) : null,
  );
}
