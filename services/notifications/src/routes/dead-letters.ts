import { DeadLetter, DeadLetterDetail, DeadLetterListQuery, pageOf } from "@civicgrid/contracts";
import type { Principal } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import { isPlatformAdmin } from "../domain/access";
import type { AppEnv } from "../env";
import { redriveMessage } from "../queue/dead-letters";
import { dbOf, type Db } from "../store/db";
import { deadLetterOf, listDeadLetters, markRedriven, type DeadLetterRow } from "../store/dead-letters";
import { json } from "./shared";

/**
 * The dead letters of this service's queues, for the platform administrators only: a dead letter may
 * belong to any county, and its body is the raw message (case data included).
 */
export const deadLetters = createRouter<AppEnv>();
const Id = z.object({ id: z.string().regex(/^dl_[0-9a-f]{32}$/, "must be a dead-letter id") });

/** A dead letter as listed: the raw message stays out of lists (it is read one at a time). */
const view = ({ body: _body, ...letter }: DeadLetterRow): DeadLetter => letter;

function requirePlatformAdmin(principal: Principal): void {
  if (!isPlatformAdmin(principal)) {
    throw new AppError("forbidden", "dead letters are read and redriven by a platform administrator");
  }
}

async function load(db: Db, id: string): Promise<DeadLetterRow> {
  const row = await deadLetterOf(db, id);
  if (!row) throw new AppError("not_found", `no dead letter ${id}`);
  return row;
}

deadLetters.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/dead-letters",
    summary: "A platform administrator lists the dead letters of the notification queues, newest failure first",
    request: { query: DeadLetterListQuery },
    responses: { 200: json(pageOf(DeadLetter), "dead letters, newest failure first") },
  }),
  async (c) => {
    requirePlatformAdmin(principalOf(c));
    const { limit, cursor, status } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const rows = await listDeadLetters(dbOf(c.env.DB), status, after, limit + 1);
    const page = toPage(rows, limit, (r) => [r.lastFailedAt, r.id]);
    return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
  },
);

deadLetters.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/dead-letters/{id}",
    summary: "A platform administrator reads a dead letter and the raw message it holds",
    request: { params: Id },
    responses: { 200: json(DeadLetterDetail, "a dead letter and the message it holds") },
  }),
  async (c) => {
    requirePlatformAdmin(principalOf(c));
    const row = await load(dbOf(c.env.DB), c.req.valid("param").id);
    return c.json({ ...view(row), body: JSON.parse(row.body) as unknown }, 200);
  },
);

/**
 * Sends the message back to the queue it came from. Idempotent: a dead letter already redriven is answered
 * as it is and not sent again; should it die again, it is `dead` once more and may be redriven again.
 */
deadLetters.openapi(
  createRoute({
    method: "post",
    path: "/v1/notifications/dead-letters/{id}/redrive",
    summary: "A platform administrator sends a dead letter back to its queue (once: a redriven one is not resent)",
    request: { params: Id },
    responses: { 200: json(DeadLetter, "the dead letter, back on its queue") },
  }),
  async (c) => {
    const principal = principalOf(c);
    requirePlatformAdmin(principal);
    const db = dbOf(c.env.DB);
    const row = await load(db, c.req.valid("param").id);
    if (row.status === "redriven") return c.json(view(row), 200);
    if (!(await redriveMessage(c.env, row.queue, JSON.parse(row.body) as unknown))) {
      throw new AppError("invalid_transition", `it came from no queue of ours (${row.queue}); it cannot be redriven`);
    }
    // Sent first, marked after: a crash between the two sends it again on retry, which every consumer absorbs.
    const updated = await markRedriven(db, row.id, principal.sub, new Date().toISOString());
    return c.json(view(updated ?? (await load(db, row.id))), 200);
  },
);
