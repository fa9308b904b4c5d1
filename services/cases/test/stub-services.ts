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
  placeAndAdmit(lng, lat, matterCode) {
    const place = this.locate(lng, lat);
    return place ? { place, admission: this.matterAdmission(place.countyCode, matterCode) } : { place: null, admission: null };
  }
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
      case "N01": return { ...base, status: "admitted", name: "井盖缺失", duplicates: { radiusMeters: 300, windowDays: 7 } };
      case "Q01": return { ...base, status: "admitted", name: "占道经营", limits: { accept: { amount: 10, unit: "minutes" }, dispatch: { amount: 10, unit: "minutes" } } };
      case "P01": return { ...base, status: "admitted", name: "井盖破损", beforeAfterPhotos: ["resolve-on-site", "handle"], limits: {} };
      default: return { ...base, status: "admitted", name: "道路设施损坏", categoryCode: matterCode, workerDuty: "report", limits: { handle: DAY(5), "urgent:handle": DAY(1) } };
    }
  }
  // Change requests a return ruling files, kept by id as the registry does (the first of an id stays).
  fileMatterChange(input) {
    const created = !FILED.has(input.id);
    if (created) FILED.set(input.id, input);
    return { id: input.id, created };
  }
  /** For tests: what was filed. */
  filedMatterChanges() { return [...FILED.values()]; }
}
const FILED = new Map();`;

export const rosterStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const KEYS = ["police", "housing", "urban_management", "emergency", "civil_affairs", "justice"];
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
  // Mediators (disputes): a village and a township committee's, a professional's and a grid worker in 蓬江, one
  // in 新会, one no longer active.
  mediator(id) {
    const M = {
      "med-pj-village-01": { kind: "village_committee", bodyId: "mb-440703001001-committee", bodyName: "白沙村人民调解委员会", divisionCode: "440703001001", name: "陈调解" },
      "med-pj-township-01": { kind: "township_committee", bodyId: "mb-440703001000-committee", bodyName: "白沙街道人民调解委员会", divisionCode: "440703001000", name: "李调解" },
      "med-pj-pro-01": { kind: "professional", bodyId: "mb-440703-labour-org", bodyName: "蓬江区劳动争议调解中心", divisionCode: "440703000000", name: "王律师" },
      "med-pj-worker-01": { kind: "grid_worker", bodyId: null, bodyName: null, divisionCode: "440703001001", name: "赵网格", workerId: "w-440703-000001" },
      "med-xh-village-01": { kind: "village_committee", bodyId: "mb-440705001001-committee", bodyName: "会城村人民调解委员会", divisionCode: "440705001001", name: "黄调解" },
      "med-pj-retired-01": { kind: "village_committee", bodyId: "mb-440703001001-committee", bodyName: "白沙村人民调解委员会", divisionCode: "440703001001", name: "周退休", active: false },
    };
    const m = M[id];
    if (!m) return null;
    return { id, workerId: null, qualification: "人民调解员证 " + id, active: true, ...m };
  }
}`;

/**
 * The base data behind BASEDATA (disputes' parties): people of 白沙 village 440703001001 (grid 1) numbered 1 to 9,
 * person 9 under a watched tag (mental_disorder_risk), person 8 a minor-protection tag; one unit; one person of
 * 新会; ID number 440703198001011234 is person 3's.
 */
export const basedataStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const TAGS = { "pe-440703001001-000009": ["mental_disorder_risk"], "pe-440703001001-000008": ["left_behind_child"] };
const NAMES = ["张*", "李*", "王*明", "赵*", "陈*", "刘*", "杨*", "黄*", "周*"];
function person(id) {
  let m = /^pe-440703001001-00000([1-9])$/.exec(id);
  if (m) return { ref: id, name: NAMES[Number(m[1]) - 1], villageCode: "440703001001", gridCode: "440703001001001", tagKinds: TAGS[id] ?? [] };
  m = /^pe-440705001001-000001$/.exec(id);
  if (m) return { ref: id, name: "孙*", villageCode: "440705001001", gridCode: "440705001001001", tagKinds: [] };
  return null;
}
export default class extends WorkerEntrypoint {
  resolveParties(references) {
    return references.map((r) => {
      if (r.personId) return person(r.personId);
      if (r.unitId) return r.unitId === "un-440703001001-000001"
        ? { ref: r.unitId, name: "白沙*****公司", villageCode: "440703001001", gridCode: "440703001001001", tagKinds: [] } : null;
      if (r.idNumber === "440703198001011234") return person("pe-440703001001-000003");
      return { ref: null, name: null, villageCode: null, gridCode: null, tagKinds: [] };
    });
  }
}`;
