// Loaded by Node with the vitest config: the roster stand-in and the SMS provider played by Node.

/**
 * The roster's agreed RPC (contracts/src/rpc.ts) answered from a few realistic records: duty lines of
 * two Pengjiang departments and one Xinhui department, the two workers serving grid 440703001001001.
 */
export const rosterStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const DEPARTMENTS = {
  "dept-440703-police": { departmentId: "dept-440703-police", name: "江门市公安局蓬江分局", dutyPhone: "0750-3271110", divisionCode: "440703000000", staffSubs: ["t-dept"] },
  "dept-440703-housing": { departmentId: "dept-440703-housing", name: "蓬江区住房和城乡建设局", dutyPhone: "0750-3502312", divisionCode: "440703000000", staffSubs: ["t-dept2"] },
  "dept-440705-police": { departmentId: "dept-440705-police", name: "江门市公安局新会分局", dutyPhone: "0750-6102110", divisionCode: "440705000000", staffSubs: [] },
};
const SERVERS = {
  "440703001001001": [
    { workerId: "w-440703001001-01", name: "陈晓梅", role: "full_time", workPhone: "0750-3300101" },
    { workerId: "w-440703001001-02", name: "李国强", role: "part_time", workPhone: "0750-3300102" },
  ],
};
export default class extends WorkerEntrypoint {
  health() { return { service: "roster", ok: true }; }
  department(id) { return DEPARTMENTS[id] ?? null; }
  gridServers(grid) { return SERVERS[grid] ?? []; }
}`;

/**
 * The HTTP SMS provider: accepts POST /send unless told to fail the next N sends
 * (POST /__fail {"times": N, "status": S}); GET /__received lists what it accepted.
 */
export function smsProvider() {
  const received: unknown[] = [];
  let failures = 0;
  let failStatus = 503;
  return async (request: Request): Promise<Response> => {
    const url = new URL(request.url);
    if (url.host !== "sms.test") return new Response("no network in tests", { status: 599 });
    if (url.pathname === "/__fail") {
      const { times, status } = (await request.json()) as { times: number; status?: number };
      failures = times;
      failStatus = status ?? 503;
      return new Response(null, { status: 204 });
    }
    if (url.pathname === "/__received") return Response.json(received);
    if (url.pathname === "/send" && request.method === "POST") {
      if (request.headers.get("authorization") !== "Bearer test-sms-key-0001")
        return new Response("bad key", { status: 401 });
      if (failures > 0) {
        failures--;
        return new Response("busy", { status: failStatus });
      }
      received.push({ ...((await request.json()) as object), idempotencyKey: request.headers.get("idempotency-key") });
      return Response.json({ accepted: true });
    }
    return new Response("not found", { status: 404 });
  };
}

/** The registry's agreed RPC (RegistryRpc.grid): two 蓬江 grids, one 新会 grid, one retired 蓬江 grid. */
export const registryStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const grid = (code, status = "active") =>
  [code, { code, name: "测试网格" + code.slice(12), villageCode: code.slice(0, 12), status }];
const GRIDS = Object.fromEntries([
  grid("440703001001001"),
  grid("440703001001002"),
  grid("440705001001001"),
  grid("440703001001009", "retired"),
]);
export default class extends WorkerEntrypoint {
  health() { return { service: "registry", ok: true }; }
  grid(code) { return GRIDS[code] ?? null; }
}`;
