/**
 * Stand-ins for the registry and roster behind the REGISTRY and ROSTER service bindings, implementing the
 * agreed RPC shapes of contracts/src/rpc.ts with realistic answers: two grids (蓬江 440703, 新会 440705)
 * found by point, matters admitted with limits, one forbidden with its rule, one off-list, one emergency
 * with a police call, one with minute-scale limits. The real services are composed in e2e.
 */
export const registryStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const GRIDS = [
  { lng: 113.08, lat: 22.58, gridCode: "440703001001001", gridName: "白沙街道第一网格", villageCode: "440703001001", townshipCode: "440703001000", countyCode: "440703000000" },
  { lng: 113.03, lat: 22.46, gridCode: "440705001001001", gridName: "会城街道第一网格", villageCode: "440705001001", townshipCode: "440705001000", countyCode: "440705000000" },
];
const DAY = (amount) => ({ amount, unit: "working_days" });
export default class extends WorkerEntrypoint {
  health() { return { service: "registry", ok: true }; }
  locate(lng, lat) {
    const g = GRIDS.find((g) => Math.abs(g.lng - lng) < 0.02 && Math.abs(g.lat - lat) < 0.02);
    if (!g) return null;
    const { lng: _a, lat: _b, ...place } = g;
    return place;
  }
  locateMany(points) { return points.map((p) => this.locate(p.lng, p.lat)); }
  grid(code) {
    const g = GRIDS.find((g) => g.gridCode === code);
    return g ? { code, name: g.gridName, villageCode: g.villageCode, status: "active" } : null;
  }
  matterAdmission(countyCode, matterCode) {
    const base = { matterCode, countyCode, listVersion: 3 };
    switch (matterCode) {
      case "F01": return { ...base, status: "forbidden", name: "代收税费", rule: "禁入清单第3项：网格员不得承担代收税费等行政执法事项" };
      case "X99": return { ...base, status: "unlisted" };
      case "E01": return { ...base, status: "admitted", name: "燃气泄漏", emergency: true, policeCall: true, limits: { dispatch: { amount: 15, unit: "minutes" } } };
      case "Q01": return { ...base, status: "admitted", name: "占道经营", limits: { accept: { amount: 10, unit: "minutes" }, dispatch: { amount: 10, unit: "minutes" } } };
      default: return { ...base, status: "admitted", name: "道路设施损坏", categoryCode: matterCode, workerDuty: "report", limits: { handle: DAY(5), "urgent:handle": DAY(1) } };
    }
  }
}`;

export const rosterStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const KEYS = ["police", "housing", "urban_management", "emergency", "civil_affairs"];
export default class extends WorkerEntrypoint {
  health() { return { service: "roster", ok: true }; }
  department(id) {
    const m = /^dept-(\\d{6})-([a-z_]+)$/.exec(id);
    if (!m || !KEYS.includes(m[2])) return null;
    return { departmentId: id, name: m[2], dutyPhone: "0750-0000000", divisionCode: m[1] + "000000", staffSubs: [] };
  }
  gridServers() { return []; }
  workerGrids() { return []; }
  principalStatus() { return { active: true }; }
}`;
