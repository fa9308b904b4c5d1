import { log } from "@civicgrid/http";
import { splitKey } from "../domain/audience";
import type { Env } from "../env";

/** A push recipient: the key deliveries dedupe on, and the number to send to. */
export interface PushTarget {
  recipientKey: string;
  address: string;
}

/**
 * Phone numbers for SMS, from the roster over RPC: a department's duty line, the work phones of the
 * workers serving a grid. Other audiences have no number the platform may use (an agency's staff and
 * residents are told in the inbox), so they yield none.
 */
export async function smsTargets(env: Env, key: string): Promise<PushTarget[]> {
  const { kind, value } = splitKey(key);
  if (kind === "dept") {
    const contact = await env.ROSTER.department(value);
    return contact ? [{ recipientKey: key, address: contact.dutyPhone }] : [];
  }
  if (kind === "grid") {
    const servers = await env.ROSTER.gridServers(value);
    return servers.map((s) => ({ recipientKey: `worker:${s.workerId}`, address: s.workPhone }));
  }
  log("info", "no phone directory for this audience; inbox only", { kind });
  return [];
}
