import { PageQuery, SmsSinkRecord, pageOf } from "@civicgrid/contracts";
import { createRoute } from "@hono/zod-openapi";
import { createRouter, decodeCursor, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { listSms } from "../store/sms-sink";
import { operatorPrefix } from "./guards";
import { json } from "./shared";

/** What the local SMS sink recorded (dev and tests; empty where a real provider is configured). */
export const smsSink = createRouter<AppEnv>();

smsSink.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/sms-sink",
    summary: "Agency staff read the SMS the local sink recorded in their jurisdiction (dev and tests only)",
    request: { query: PageQuery },
    responses: { 200: json(pageOf(SmsSinkRecord), "recorded SMS of the caller's jurisdiction, newest first") },
  }),
  async (c) => {
    const prefix = await operatorPrefix(c);
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const rows = await listSms(dbOf(c.env.DB), prefix, after, limit + 1);
    return c.json(
      toPage(rows, limit, (r) => [r.receivedAt, r.deliveryId]),
      200,
    );
  },
);
