import { exports } from "cloudflare:workers";
import { base, OPEN311_KEY } from "./helpers";

/** Helpers of the Open311 tests: GETs and form POSTs as a GeoReport v2 client sends them. */
export const J = "jurisdiction_id=440703000000";
export const get = (path: string) => exports.default.fetch(`${base}/open311/${path}`);

export function post(fields: Record<string, string | string[]>, options: { format?: string; query?: string } = {}) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) body.append(k, one);
  const url = `${base}/open311/v2/requests.${options.format ?? "json"}${options.query ? `?${options.query}` : ""}`;
  return exports.default.fetch(url, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

/** A complete report by a trusted app, at a point of 蓬江. */
export const report: Record<string, string> = {
  api_key: OPEN311_KEY,
  jurisdiction_id: "440703000000",
  service_code: "M-ENV-003",
  lat: "22.6",
  long: "113.005",
  description: "夜里施工噪声很大",
  "attribute[NOISE_TIME]": "night",
  first_name: "小明",
  last_name: "李",
  phone: "13800000000",
  account_id: "acct-9",
};

export type Open311Errors = { code: number; description: string }[];
export const fields = (errors: Open311Errors) => errors.map((e) => e.description.split(":")[0]).sort();
