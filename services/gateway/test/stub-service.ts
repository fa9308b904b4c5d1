/**
 * Source of a recording stand-in for a service behind the gateway: it answers health over RPC and
 * echoes what the gateway forwarded (method, path, the headers a service sees, body), so the tests
 * can assert exactly what crosses the service binding. The real services are proven in their own
 * suites and together in e2e/.
 */
export function stubServiceScript(name: string): string {
  return `
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
    const body = request.method === "GET" ? null : await request.text();
    return Response.json({ service: "${name}", method: request.method, path: url.pathname + url.search, headers, body });
  }
  health() { return { service: "${name}", ok: true, database: "ok", migrations: 1, time: new Date().toISOString() }; }
  runCron(cron) { return cron === "*/5 * * * *" ? { ran: true, cron, result: { swept: 0, service: "${name}" } } : { ran: false, cron, known: ["*/5 * * * *"] }; }
}`;
}
