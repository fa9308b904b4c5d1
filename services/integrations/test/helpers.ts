import { sha256Hex } from "@civicgrid/http";
import { env, exports } from "cloudflare:workers";
import { sign } from "../src/domain/signature";
import { TEST_PLATFORM_SECRETS } from "./secrets";

export const PLATFORM = "test-12345";
export const SECRETS = TEST_PLATFORM_SECRETS[PLATFORM];
export const OPEN311_KEY = "test-open311-key-0001";
export const base = "https://integrations.test";

/** The test platform: serves Jiangmen (city), maps two of its category codes and two division codes. */
export async function seedPlatform(callbackUrl: string = env.TEST_PLATFORM_URL): Promise<void> {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT OR REPLACE INTO platforms (id, name, division_code, callback_url, active, category_map, division_map, updated_at) VALUES (?1, '12345 热线 (test)', '440700000000', ?2, 1, ?3, ?4, '2026-11-01T00:00:00Z')`,
    ).bind(
      PLATFORM,
      callbackUrl,
      JSON.stringify({ "12345-0301": "urban.street_vending", "12345-0702": "ecology.noise" }),
      JSON.stringify({ "JM-PJ-HS": "440703001000", "440703": "440703000000" }),
    ),
    env.DB.prepare(
      `INSERT OR IGNORE INTO open311_jurisdictions (county_code, name, opened_at) VALUES ('440703000000', '蓬江区', '2026-11-01T00:00:00Z'), ('440705000000', '新会区', '2026-11-01T00:00:00Z')`,
    ),
    // Places the stub registry locates (see stubs.ts): a village and a grid of 蓬江, one whose point has moved out of
    // its grid, and a village of 新会 with the same name as one of 蓬江.
    env.DB.prepare(
      `INSERT OR IGNORE INTO open311_places (county_code, address_id, name, grid_code, lng, lat) VALUES
       ('440703000000', '440703001001', '北街社区', '440703001001001', 113.005, 22.6),
       ('440703000000', '440703001001002', '北街社区第二网格', '440703001001002', 113.015, 22.6),
       ('440703000000', '440703001001009', '旧城网格', '440703001001009', 113.005, 22.6),
       ('440705000000', '440705001001', '北街社区', '440705001001001', 112.95, 22.6)`,
    ),
    env.DB.prepare(
      `INSERT OR REPLACE INTO open311_clients (id, name, key_hash, requests_per_minute, active, created_at) VALUES ('app-test', '江门群众 app (test)', ?1, 5, 1, '2026-11-01T00:00:00Z')`,
    ).bind(await sha256Hex(OPEN311_KEY)),
  ]);
}

let counter = 0;
export const newWebhookId = () => `msg_${Date.now().toString(36)}_${++counter}`;
export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** POSTs a signed webhook as the platform would; `tamper` changes what is sent after signing. */
export async function sendWebhook(
  body: unknown,
  options: {
    id?: string;
    timestamp?: number;
    secrets?: string[];
    raw?: string;
    headers?: Record<string, string | undefined>;
    platform?: string;
  } = {},
): Promise<Response> {
  const raw = options.raw ?? JSON.stringify(body);
  const id = options.id ?? newWebhookId();
  const timestamp = options.timestamp ?? nowSeconds();
  const signature = await sign(options.secrets ?? SECRETS.slice(0, 1), id, timestamp, raw);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signature,
  };
  for (const [k, v] of Object.entries(options.headers ?? {})) {
    if (v === undefined) delete headers[k];
    else headers[k] = v;
  }
  return exports.default.fetch(`${base}/webhooks/${options.platform ?? PLATFORM}`, {
    method: "POST",
    headers,
    body: raw,
  });
}

export const createdEvent = (orderId: string, extra: Record<string, unknown> = {}) => ({
  type: "work_order.created",
  timestamp: "2026-11-02T09:30:00+08:00",
  data: {
    orderId,
    categoryCode: "12345-0301",
    divisionCode: "JM-PJ-HS",
    lng: 113.0781,
    lat: 22.5897,
    title: "人行道占道摆摊",
    description: "市民来电反映：北街人行道有流动摊贩长期占道经营，影响通行。",
    reportedAt: "2026-11-02T09:28:00+08:00",
    ...extra,
  },
});
