import { InboxMessage, InboxQuery, ReadAllAnswer, UnreadCount, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { MESSAGE_COLUMNS, VISIBLE, audienceOf, messageView, type MessageRow } from "../inbox-query";

import { json } from "./shared";
const MessageId = z.object({ id: z.string().regex(/^dlv_[0-9a-f]{32}$/, "must be a message id") });

export const inbox = createRouter<AppEnv>();

inbox.openapi(
  createRoute({
    method: "get",
    path: "/v1/inbox",
    summary: "A signed-in user reads their inbox, newest first (unread only if asked), subscribed grids included",
    request: { query: InboxQuery },
    responses: { 200: json(pageOf(InboxMessage), "the caller's messages, newest first") },
  }),
  async (c) => {
    const principal = principalOf(c);
    const { limit, cursor, unread } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const { results } = await c.env.DB.prepare(
      `SELECT ${MESSAGE_COLUMNS} FROM ${VISIBLE}
       WHERE (?3 = 0 OR r.message_id IS NULL) AND (?4 IS NULL OR m.created_at < ?4 OR (m.created_at = ?4 AND m.id < ?5))
       ORDER BY m.created_at DESC, m.id DESC LIMIT ?6`,
    )
      .bind(await audienceOf(c.env.DB, principal), principal.sub, unread ? 1 : 0, after?.[0] ?? null, after?.[1] ?? "", limit + 1)
      .all<MessageRow>();
    const page = toPage(results, limit, (m) => [m.created_at, m.id]);
    return c.json({ items: page.items.map(messageView), nextCursor: page.nextCursor }, 200);
  },
);

inbox.openapi(
  createRoute({
    method: "get",
    path: "/v1/inbox/unread-count",
    summary: "A signed-in user counts their unread inbox messages",
    responses: { 200: json(UnreadCount, "how many of the caller's messages are unread") },
  }),
  async (c) => {
    const principal = principalOf(c);
    const row = await c.env.DB.prepare(`SELECT count(*) AS n FROM ${VISIBLE} WHERE r.message_id IS NULL`)
      .bind(await audienceOf(c.env.DB, principal), principal.sub)
      .first<{ n: number }>();
    return c.json({ unread: row?.n ?? 0 }, 200);
  },
);

inbox.openapi(
  createRoute({
    method: "post",
    path: "/v1/inbox/read-all",
    summary: "A signed-in user marks every unread message of their inbox read",
    responses: { 200: json(ReadAllAnswer, "every unread message of the caller marked read") },
  }),
  async (c) => {
    const principal = principalOf(c);
    const result = await c.env.DB.prepare(`INSERT OR IGNORE INTO message_reads (message_id, sub, read_at) SELECT m.id, ?2, ?3 FROM ${VISIBLE} WHERE r.message_id IS NULL`)
      .bind(await audienceOf(c.env.DB, principal), principal.sub, new Date().toISOString())
      .run();
    return c.json({ marked: result.meta.changes }, 200);
  },
);

inbox.openapi(
  createRoute({
    method: "post",
    path: "/v1/inbox/{id}/read",
    summary: "A signed-in user marks one message of their inbox read",
    request: { params: MessageId },
    responses: { 200: json(InboxMessage, "the message, now read") },
  }),
  async (c) => {
    const principal = principalOf(c);
    const { id } = c.req.valid("param");
    const audience = await audienceOf(c.env.DB, principal);
    const visible = await c.env.DB.prepare(`SELECT m.id FROM ${VISIBLE} WHERE m.id = ?3`).bind(audience, principal.sub, id).first();
    // A message addressed to someone else is answered as absent: its existence is not the caller's business.
    if (!visible) throw new AppError("not_found", `no message ${id} in your inbox`);
    await c.env.DB.prepare("INSERT OR IGNORE INTO message_reads (message_id, sub, read_at) VALUES (?1, ?2, ?3)").bind(id, principal.sub, new Date().toISOString()).run();
    const row = await c.env.DB.prepare(`SELECT ${MESSAGE_COLUMNS} FROM ${VISIBLE} WHERE m.id = ?3`).bind(audience, principal.sub, id).first<MessageRow>();
    return c.json(messageView(row!), 200);
  },
);
