/**
 * Stand-ins for the registry, roster and cases behind the REGISTRY, ROSTER and CASES service bindings, implementing
 * the agreed RPC shapes of contracts/src/rpc.ts: three grids found by point — two in 白沙 village 440703001001
 * (蓬江) and one in 会城 440705001001 (新会). The real services are composed in e2e.
 */
export const registryStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const GRIDS = [
  { lng: 113.08, lat: 22.58, gridCode: "440703001001001", gridName: "白沙第一网格", villageCode: "440703001001", townshipCode: "440703001000", countyCode: "440703000000" },
  { lng: 113.10, lat: 22.58, gridCode: "440703001001002", gridName: "白沙第二网格", villageCode: "440703001001", townshipCode: "440703001000", countyCode: "440703000000" },
  { lng: 113.03, lat: 22.46, gridCode: "440705001001001", gridName: "会城第一网格", villageCode: "440705001001", townshipCode: "440705001000", countyCode: "440705000000" },
];
export default class extends WorkerEntrypoint {
  health() { return { service: "registry", ok: true }; }
  locate(lng, lat) {
    const g = GRIDS.find((g) => Math.abs(g.lng - lng) < 0.005 && Math.abs(g.lat - lat) < 0.005);
    if (!g) return null;
    const { lng: _a, lat: _b, ...place } = g;
    return place;
  }
  locateMany(points) { return points.map((p) => this.locate(p.lng, p.lat)); }
  grid(code) {
    const g = GRIDS.find((g) => g.gridCode === code);
    return g ? { code, name: g.gridName, villageCode: g.villageCode, status: "active" } : null;
  }
  matterAdmission(countyCode, matterCode) { return { matterCode, countyCode, status: "unlisted" }; }
  // The divisions of the test grids (RegistryRpc.division): 440703001099 and any other code are unknown.
  division(code) {
    const names = { "440703001001": "白沙", "440705001001": "会城", "440703001000": "环市街道", "440705001000": "会城街道",
      "440703000000": "蓬江区", "440705000000": "新会区", "440700000000": "江门市" };
    if (!names[code]) return null;
    const level = code.endsWith("000000000") ? "city" : code.endsWith("000000") ? "county" : code.endsWith("000") ? "township" : "village";
    return { code, name: names[code], level };
  }
}`;

export const rosterStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const KINDS = { police: "公安", justice: "司法行政", civil_affairs: "民政", health: "卫生健康", housing: "住房城乡建设" };
export default class extends WorkerEntrypoint {
  health() { return { service: "roster", ok: true }; }
  department(id) {
    const m = /^dept-(\\d{6})-([a-z_]+)$/.exec(id);
    if (!m || !KINDS[m[2]]) return null;
    return { departmentId: id, name: m[2], kind: KINDS[m[2]], dutyPhone: "0750-0000000", divisionCode: m[1] + "000000", staffSubs: [] };
  }
  gridServers() { return []; }
  workerGrids() { return []; }
  principalStatus() { return { active: true }; }
}`;

/**
 * Cases (CasesBaseDataRpc): two known cases — one in grid 440703001001001, one in 新会 — and visits' needs opened as
 * cases, one per (visitId, needIndex), each call kept so that tests can read what was asked (reported()).
 */
export const STUB_CASES = { baisha: "CASE-20261201-AAAAAAAAAA", xinhui: "CASE-20261201-BBBBBBBBBB" };
export const casesStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const KNOWN = {
  "${STUB_CASES.baisha}": { divisionCode: "440703001001", gridCode: "440703001001001" },
  "${STUB_CASES.xinhui}": { divisionCode: "440705001001", gridCode: "440705001001001" },
};
const opened = new Map();
export default class extends WorkerEntrypoint {
  health() { return { service: "cases", ok: true }; }
  caseScope(caseId) { return KNOWN[caseId] ?? null; }
  reportFromVisit(input) {
    // As cases refuses a matter on the county's forbidden list (a refusal crosses RPC as a RangeError).
    if (input.categoryCode === "F01") throw new RangeError("unprocessable: matter F01 is on the forbidden list");
    const key = input.visitId + "#" + input.needIndex;
    if (!opened.has(key)) {
      // Digits as letters A-J: a well-formed, distinct case id per need.
      const n = [...String(opened.size + 1).padStart(10, "0")].map((d) => String.fromCharCode(65 + Number(d))).join("");
      opened.set(key, { caseId: "CASE-20261201-" + n, input });
    }
    return { caseId: opened.get(key).caseId };
  }
  reported() { return [...opened.values()]; }
}`;
