// A relative path with its extension: this file is loaded by Node with the vitest config.
import { principals } from "../../../packages/testing/src/principals.ts";

const ACTIVE_SUBS = Object.values(principals).map((p) => p.sub);

/**
 * Source of a recording stand-in for a service behind the gateway: it answers health over RPC and
 * echoes what the gateway forwarded (method, path, the headers a service sees, body — over 64 KiB, its size),
 * so the tests can assert exactly what crosses the service binding. The real services are proven in their own
 * suites and together in e2e/. The roster stand-in also answers principalStatus: the test
 * principals are active, `t-dismissed` was dismissed, any other subject is unknown; it counts calls
 * so the tests can prove the gateway caches answers. Every stand-in counts its health calls (healthCalls), so the
 * tests can prove a shallow /healthz asks no service.
 */
export function stubServiceScript(name: string): string {
  const roster =
    name !== "roster"
      ? ""
      : `
  principalStatus(sub) {
    calls.set(sub, (calls.get(sub) ?? 0) + 1);
    if (sub === "t-dismissed") return { active: false, reason: "dismissed" };
    if (ACTIVE.includes(sub)) return { active: true };
    return { active: false, reason: "unknown_subject" };
  }
  principalStatusCalls(sub) { return calls.get(sub) ?? 0; }`;
  return `
const ACTIVE = ${JSON.stringify(ACTIVE_SUBS)};
const calls = new Map();
let healthCalls = 0;
// A large upload is reported by its size, exactly as many bytes as arrived.
const shown = (bytes) => (bytes.byteLength > 65536 ? "<" + bytes.byteLength + " bytes>" : new TextDecoder().decode(bytes));
import { WorkerEntrypoint } from "cloudflare:workers";
export default class extends WorkerEntrypoint {
  async fetch(request) {
    const url = new URL(request.url);
    if (url.pathname === "/openapi.json") {
      return Response.json({ openapi: "3.1.0", info: { title: "${name}", version: "0" },
        paths: { ["/v1/${name}-things"]: { get: { summary: "list ${name} things", responses: { "200": { description: "ok" } } } } },
        components: { schemas: { ${name}Thing: { type: "object" } } } });
    }
    const headers = Object.fromEntries(request.headers);
    const body = request.method === "GET" ? null : shown(await request.arrayBuffer());
    // The service's own Server-Timing span, which the gateway passes on only where its own are shown.
    return Response.json({ service: "${name}", method: request.method, path: url.pathname + url.search, headers, body },
      { headers: { "server-timing": "${name}-echo;dur=0.5" } });
  }
  health() {
    healthCalls++;
    return { service: "${name}", ok: true, database: "ok", migrations: 1, time: new Date().toISOString() };
  }
  healthCalls() { return healthCalls; }
  runCron(cron) { return cron === "*/5 * * * *" ? { ran: true, cron, result: { swept: 0, service: "${name}" } } : { ran: false, cron, known: ["*/5 * * * *"] }; }${roster}
}`;
}
