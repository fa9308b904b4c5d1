import { InboxMessage, InboxQuery, ReadAllAnswer, UnreadCount, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { Principal } from "@civicgrid/contracts";
import { principalKeys } from "../domain/recipient-keys";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { inboxMessage, inboxPage, markAllRead, markRead, unreadCount, type Reader } from "../store/inbox";
import { json } from "./shared";

const MessageId = z.object({ id: z.string().regex(/^dlv_[0-9a-f]{32}$/, "must be a message id") });

export const inbox = createRouter<AppEnv>();

const readerOf = (principal: Principal): Reader => ({ sub: principal.sub, keys: principalKeys(principal) });

inbox.openapi(
  createRoute({
    method: "get",
    path: "/v1/inbox",
    summary: "A signed-in user reads their inbox, newest first (unread only if asked), subscribed grids included",
    request: { query: InboxQuery },
    responses: { 200: json(pageOf(InboxMessage), "the caller's messages, newest first") },
  }),
  async (c) => {
    const { limit, cursor, unread } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const rows = await inboxPage(dbOf(c.env.DB), readerOf(principalOf(c)), unread === true, after, limit + 1);
    return c.json(
      toPage(rows, limit, (m) => [m.createdAt, m.id]),
      200,
    );
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
    return c.json({ unread: await unreadCount(dbOf(c.env.DB), readerOf(principalOf(c))) }, 200);
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
    const marked = await markAllRead(dbOf(c.env.DB), readerOf(principalOf(c)), new Date().toISOString());
    return c.json({ marked }, 200);
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
    const db = dbOf(c.env.DB);
    const reader = readerOf(principalOf(c));
    const { id } = c.req.valid("param");
    // A message addressed to someone else is answered as absent: its existence is not the caller's business.
    if (!(await inboxMessage(db, reader, id))) throw new AppError("not_found", `no message ${id} in your inbox`);
    await markRead(db, reader.sub, id, new Date().toISOString());
    const read = await inboxMessage(db, reader, id);
    return c.json(read!, 200);
  },
);
