import { z } from "zod";
import type { Env } from "../env";
import { dbOf } from "../store/db";
import type { ChannelRegistry } from "./channel";
import { HttpSmsProvider, SinkSmsProvider, SmsChannel, type SmsProvider } from "./sms";

const SmsConfig = z.discriminatedUnion("SMS_PROVIDER", [
  z.object({ SMS_PROVIDER: z.literal("sink") }),
  z.object({ SMS_PROVIDER: z.literal("http"), SMS_HTTP_URL: z.url(), SMS_HTTP_KEY: z.string().min(8) }),
]);

/** The SMS provider the environment names (parsed once here, so a misconfiguration fails loudly). */
export function smsProviderFrom(env: Env): SmsProvider {
  const config = SmsConfig.parse({
    SMS_PROVIDER: env.SMS_PROVIDER ?? "sink",
    SMS_HTTP_URL: env.SMS_HTTP_URL,
    SMS_HTTP_KEY: env.SMS_HTTP_KEY,
  });
  if (config.SMS_PROVIDER === "http") return new HttpSmsProvider(config.SMS_HTTP_URL, config.SMS_HTTP_KEY);
  return new SinkSmsProvider(dbOf(env.DB));
}

/** Push channels of this deployment. Webhook callbacks join when the integrations issue installs them. */
export function pushChannels(env: Env): ChannelRegistry {
  return { sms: new SmsChannel(smsProviderFrom(env)) };
}
