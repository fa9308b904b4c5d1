import type { Db } from "../store/db";
import { recordSms } from "../store/sms-sink";
import type { Channel, OutboundMessage, SendResult } from "./channel";

export interface SmsMessage {
  /** The delivery id, sent to the provider as its idempotency reference so a resend is not a second SMS. */
  reference: string;
  phone: string;
  text: string;
  divisionCode: string;
}

/** An SMS gateway: the HTTP provider in production, the recording sink in dev and tests. */
export interface SmsProvider {
  send(message: SmsMessage): Promise<SendResult>;
}

/** A provider reached over HTTP: POST JSON with a bearer key; 2xx is accepted, 429/5xx are worth retrying. */
export class HttpSmsProvider implements SmsProvider {
  constructor(
    private readonly url: string,
    private readonly apiKey: string,
    // Wrapped: the global fetch refuses to be called as a method of another object.
    private readonly fetcher: typeof fetch = (input, init) => fetch(input, init),
  ) {}

  async send(message: SmsMessage): Promise<SendResult> {
    let res: Response;
    try {
      res = await this.fetcher(this.url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${this.apiKey}`,
          "idempotency-key": message.reference,
        },
        body: JSON.stringify({ to: message.phone, text: message.text, reference: message.reference }),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      return {
        ok: false,
        error: `provider unreachable: ${error instanceof Error ? error.name : "error"}`,
        retryable: true,
      };
    }
    await res.body?.cancel();
    if (res.ok) return { ok: true };
    return { ok: false, error: `provider answered ${res.status}`, retryable: res.status === 429 || res.status >= 500 };
  }
}

/** Records every SMS in `sms_sink` (one row per delivery), readable at /v1/notifications/sms-sink. */
export class SinkSmsProvider implements SmsProvider {
  constructor(private readonly db: Db) {}

  async send(message: SmsMessage): Promise<SendResult> {
    const { reference, phone, text, divisionCode } = message;
    const receivedAt = new Date().toISOString();
    await recordSms(this.db, { deliveryId: reference, phone, text, divisionCode, receivedAt });
    return { ok: true };
  }
}

/** SMS as a push channel: the rendered title and body as one text, to the delivery's number. */
export class SmsChannel implements Channel {
  readonly name = "sms" as const;
  constructor(private readonly provider: SmsProvider) {}

  send(message: OutboundMessage): Promise<SendResult> {
    if (!message.address)
      return Promise.resolve({ ok: false, error: "no phone number for this recipient", retryable: false });
    return this.provider.send({
      reference: message.id,
      phone: message.address,
      text: `【网格通知】${message.title}：${message.body}`,
      divisionCode: message.divisionCode,
    });
  }
}
