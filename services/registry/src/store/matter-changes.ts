import type { MatterChangeRequest } from "@civicgrid/contracts";
import { and, desc, eq, inArray, like, or, sql } from "drizzle-orm";
import {
  MATTER_CHANGE_LIFECYCLE,
  type MatterChangeCommand,
  type MatterChangeEffect,
} from "../domain/matter-change-lifecycle";
import { guard, type Db, type Statement } from "./db";
import { matterChangeRequests as requests } from "./schema";

/** The row is the API's MatterChangeRequest (its change stored as JSON). */
export function changeRequest(db: Db, id: string): Promise<MatterChangeRequest | undefined> {
  return db.select().from(requests).where(eq(requests.id, id)).get();
}

/** Requests of counties under `prefix`, or raised by `unit`, newest first. */
export function changeRequests(
  db: Db,
  q: { prefix: string; unit: string; status?: MatterChangeRequest["status"] | undefined; limit: number },
): Promise<MatterChangeRequest[]> {
  return db
    .select()
    .from(requests)
    .where(
      and(
        or(like(requests.countyCode, `${q.prefix}%`), eq(requests.requesterUnit, q.unit)),
        q.status ? eq(requests.status, q.status) : undefined,
      ),
    )
    .orderBy(desc(requests.createdAt))
    .limit(q.limit);
}

/** Files a new request; with `once`, a request of the same id already filed is kept (answers false). */
export async function insertChangeRequest(
  db: Db,
  request: Omit<typeof requests.$inferInsert, "status">,
  once = false,
): Promise<boolean> {
  const { status } = MATTER_CHANGE_LIFECYCLE.request.effect({ countyCode: request.countyCode });
  const insert = db.insert(requests).values({ ...request, status });
  if (!once) return (await insert, true);
  const inserted = await insert.onConflictDoNothing().returning({ id: requests.id });
  return inserted.length > 0;
}

/**
 * A decision on a request, for one batch: the guard (still at the version read and in a status the command
 * starts from), the command's own statements (`extra`: an approval's new list version), and the effect with
 * the version moved. A concurrent decision that won first fails the guard, and this batch writes nothing.
 */
export function decideChange(
  db: Db,
  request: MatterChangeRequest,
  command: Exclude<MatterChangeCommand, "request">,
  effect: MatterChangeEffect,
  extra: Statement[] = [],
): Statement[] {
  const from = [...MATTER_CHANGE_LIFECYCLE[command].from];
  const unchanged = sql`SELECT 1 FROM ${requests} WHERE ${requests.id} = ${request.id} AND ${requests.version} = ${request.version}
    AND ${inArray(requests.status, from)}`;
  return [
    guard(db, unchanged),
    ...extra,
    db
      .update(requests)
      .set({ ...effect, version: sql`${requests.version} + 1` })
      .where(eq(requests.id, request.id)),
  ];
}
