import {
  INBOUND_DATA,
  InboundEnvelope,
  InboundEventType,
  isPlatformRefusal,
  type WebhookAnswer,
} from "@civicgrid/contracts";
import { AppError, validationError } from "@civicgrid/http";
import type { z } from "zod";
import { mapCodes } from "./domain/mapping";
import type { Env } from "./env";
import { caseOfOrder as storedCaseOfOrder, recordOrder } from "./store/inbound";
import type { Platform } from "./store/platforms";

/** What handling one event produced: the answer for the platform and the case it concerns. */
export interface Handled {
  status: 200 | 201;
  answer: WebhookAnswer;
}

/** Parses the raw body into a known event and its validated data; every refusal names the field. */
export function parseEvent(raw: string): { type: InboundEventType; data: unknown } {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw AppError.field("body", "the body is not valid JSON", "bad_request");
  }
  const envelope = InboundEnvelope.safeParse(json);
  if (!envelope.success) throw validationError(envelope.error, "json");
  const type = InboundEventType.safeParse(envelope.data.type);
  if (!type.success) {
    throw new AppError(
      "validation_failed",
      `unknown event type ${envelope.data.type}; known: ${InboundEventType.options.join(", ")}`,
      {
        errors: [
          { field: "body.type", message: `unknown event type; expected one of ${InboundEventType.options.join(", ")}` },
        ],
        extra: { knownTypes: InboundEventType.options },
      },
    );
  }
  const schema: z.ZodType = INBOUND_DATA[type.data];
  const data = schema.safeParse(envelope.data.data);
  if (!data.success) {
    const error = validationError(data.error, "json");
    const errors = (error.options.errors ?? []).map((e) => ({ ...e, field: e.field.replace(/^body\./, "body.data.") }));
    throw new AppError("validation_failed", errors.map((e) => `${e.field}: ${e.message}`).join("; "), { errors });
  }
  return { type: type.data, data: data.data };
}

async function caseOfOrder(db: D1Database, platform: string, orderId: string): Promise<string> {
  const caseId = await storedCaseOfOrder(db, platform, orderId);
  if (!caseId) {
    throw new AppError("not_found", `no case for ${platform} order ${orderId}`, {
      errors: [{ field: "body.data.orderId", message: "unknown order" }],
    });
  }
  return caseId;
}

/** The cases service refused the work order for good (see isPlatformRefusal): stored as refused, never retried. */
export class CasesRefusal extends Error {
  override readonly name = "CasesRefusal";
}

/** Calls the cases service, telling its permanent refusals (only those of this call) from its failures. */
async function cases<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw isPlatformRefusal(error) ? new CasesRefusal(error.message) : error;
  }
}

/** Carries out one validated event against the cases service. */
export async function handleEvent(
  env: Env,
  platform: Platform,
  webhookId: string,
  event: { type: InboundEventType; data: unknown },
): Promise<Handled> {
  const base = { webhookId, type: event.type };
  switch (event.type) {
    case "work_order.created": {
      const d = INBOUND_DATA["work_order.created"].parse(event.data);
      const mapped = mapCodes(platform, d.categoryCode, d.divisionCode);
      if (!mapped.ok) throw new AppError("unprocessable", mapped.detail, { errors: mapped.errors });
      const { caseId, created } = await cases(() =>
        env.CASES.createFromPlatform({
          platform: platform.id,
          orderId: d.orderId,
          categoryCode: mapped.matterCode,
          divisionCode: mapped.divisionCode,
          ...(d.lng !== undefined && d.lat !== undefined ? { lng: d.lng, lat: d.lat } : {}),
          title: d.title,
          description: d.description,
          reportedAt: d.reportedAt,
        }),
      );
      await recordOrder(env.DB, platform.id, d.orderId, caseId);
      return { status: created ? 201 : 200, answer: { ...base, orderId: d.orderId, caseId, status: null } };
    }
    case "work_order.updated": {
      const d = INBOUND_DATA["work_order.updated"].parse(event.data);
      await caseOfOrder(env.DB, platform.id, d.orderId);
      const update = { note: d.note, ...(d.description ? { description: d.description } : {}) };
      const result = await cases(() => env.CASES.updateFromPlatform(platform.id, d.orderId, update));
      return { status: 200, answer: { ...base, orderId: d.orderId, caseId: result.caseId, status: result.status } };
    }
    case "work_order.cancelled": {
      const d = INBOUND_DATA["work_order.cancelled"].parse(event.data);
      await caseOfOrder(env.DB, platform.id, d.orderId);
      const result = await cases(() => env.CASES.cancelFromPlatform(platform.id, d.orderId, d.reason));
      return { status: 200, answer: { ...base, orderId: d.orderId, caseId: result.caseId, status: result.status } };
    }
    case "work_order.status_query": {
      const d = INBOUND_DATA["work_order.status_query"].parse(event.data);
      const caseId = await caseOfOrder(env.DB, platform.id, d.orderId);
      const record = await cases(() => env.CASES.publicRequest(caseId));
      if (!record) throw new AppError("not_found", `case ${caseId} of ${platform.id} order ${d.orderId} is not public`);
      return {
        status: 200,
        answer: { ...base, orderId: d.orderId, caseId, status: record.status, updatedAt: record.updatedAt },
      };
    }
  }
}
