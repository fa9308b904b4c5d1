/**
 * Sources of the stand-in workers for the cases and registry services (loaded by Node with the vitest
 * config). They implement the agreed RPC shapes (CasesPlatformRpc, RegistryMattersRpc in contracts/rpc.ts)
 * over in-memory state with realistic data; the real services are composed in e2e.
 */
export const casesStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const orders = new Map();
const cases = new Map();
let seq = 0;
const B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const newId = () => "CASE-20261102-" + [...(++seq).toString(32)].map((d) => B32[parseInt(d, 32)]).join("").padStart(10, "A");
function record(id) { return cases.get(id) ?? null; }
export default class extends WorkerEntrypoint {
  createFromPlatform(input) {
    if (!/^\\d{12}$/.test(input.divisionCode)) throw new Error("divisionCode must be 12 digits");
    if (input.title === "cases-down") throw new Error("cases service unavailable");
    // A permanent refusal, thrown as the contract says (isPlatformRefusal): a RangeError survives RPC by name.
    if (input.title === "cases-refuses") throw new RangeError("matter urban.street_vending is on the county's forbidden list");
    const key = input.platform + "/" + input.orderId;
    if (orders.has(key)) return { caseId: orders.get(key), created: false };
    const id = newId();
    orders.set(key, id);
    cases.set(id, { caseId: id, categoryCode: input.categoryCode, categoryName: "占道经营", status: "reported", description: input.description,
      address: null, lat: input.lat ?? null, lng: input.lng ?? null, requestedAt: input.reportedAt, updatedAt: input.reportedAt,
      expectedAt: null, agencyResponsible: null, statusNotes: null, countyCode: input.divisionCode.slice(0, 6) + "000000" });
    return { caseId: id, created: true };
  }
  updateFromPlatform(platform, orderId, update) {
    const c = cases.get(orders.get(platform + "/" + orderId));
    if (update.description) c.description = update.description;
    c.statusNotes = update.note;
    return { caseId: c.caseId, status: c.status };
  }
  cancelFromPlatform(platform, orderId, reason) {
    const c = cases.get(orders.get(platform + "/" + orderId));
    c.status = "invalid"; c.statusNotes = reason; c.updatedAt = new Date().toISOString();
    return { caseId: c.caseId, status: c.status };
  }
  reportFromResident(input) {
    if (input.description.includes("cases-down")) throw new Error("cases service unavailable");
    const id = newId();
    cases.set(id, { caseId: id, categoryCode: input.categoryCode, categoryName: input.title, status: "reported", description: input.description,
      address: null, lat: input.lat, lng: input.lng, requestedAt: new Date().toISOString(), updatedAt: new Date().toISOString(),
      expectedAt: null, agencyResponsible: "江门市蓬江区环市街道", statusNotes: null, countyCode: "440703000000", contact: input.contact, clientId: input.clientId });
    return { caseId: id, followToken: "FT-" + id.slice(-10) };
  }
  lastResidentReport() { return [...cases.values()].filter((c) => c.clientId).at(-1) ?? null; }
  publicRequest(caseId) { const c = record(caseId); if (!c) return null; const { countyCode, contact, clientId, ...pub } = c; return pub; }
  publicRequests(q) {
    return [...cases.values()]
      .filter((c) => c.countyCode === q.countyCode)
      .filter((c) => !q.ids || q.ids.includes(c.caseId))
      .filter((c) => !q.categoryCode || c.categoryCode === q.categoryCode)
      .filter((c) => !q.start || c.requestedAt >= q.start)
      .filter((c) => !q.end || c.requestedAt <= q.end)
      .filter((c) => !q.status || q.status.includes(["closed", "rated", "archived", "invalid", "merged"].includes(c.status) ? "closed" : "open"))
      .slice(0, q.limit)
      .map((c) => { const { countyCode, contact, clientId, ...pub } = c; return pub; });
  }
  attachResidentMedia(caseId, file) {
    if (!cases.has(caseId)) throw new RangeError("not_found: no such case");
    if (file.bytes[0] !== 0xff) throw new RangeError("unsupported_media_type: file: not a photo by its content");
    const mediaId = "m-" + file.bytes.length;
    return { mediaId, publicPath: "/v1/public/cases/" + caseId + "/media/" + mediaId };
  }
}`;

export const registryStubScript = `
import { WorkerEntrypoint } from "cloudflare:workers";
const MATTERS = [
  { matterCode: "M-URBAN-001", name: "占道经营", categoryCode: "urban.street_vending", description: "占用道路、广场摆摊经营", keywords: ["摆摊", "占道"], group: "urban_management" },
  { matterCode: "M-ENV-003", name: "噪声扰民", categoryCode: "ecology.noise", keywords: ["噪声"], group: "ecology",
    attributes: [
      { code: "SOURCES", description: "噪声来源", datatype: "multivaluelist", required: false, order: 2, values: [{ key: "building", name: "施工" }, { key: "shop", name: "商铺" }, { key: "traffic", name: "交通" }] },
      { code: "NOISE_TIME", description: "何时最吵", datatype: "singlevaluelist", required: true, order: 1, values: [{ key: "night", name: "夜间" }, { key: "day", name: "白天" }] },
      { code: "DECIBELS", description: "测得分贝", datatype: "number", required: false, order: 3 },
    ] },
];
// Two counties side by side: 蓬江 east of 113.0 (one grid per 0.01 degree of longitude), 新会 west of it.
function locate(lng, lat) {
  if (lat < 22.5 || lat > 22.7 || lng < 112.9 || lng > 113.2) return null;
  if (lng >= 113.0) {
    const seq = String(1 + Math.floor((lng - 113.0) * 100) % 9).padStart(3, "0");
    return { gridCode: "440703001001" + seq, gridName: "网格" + seq, villageCode: "440703001001", townshipCode: "440703001000", countyCode: "440703000000" };
  }
  return { gridCode: "440705001001001", gridName: "网格001", villageCode: "440705001001", townshipCode: "440705001000", countyCode: "440705000000" };
}
export default class extends WorkerEntrypoint {
  admittedMatters(countyCode) { return countyCode === "440703000000" ? MATTERS : countyCode === "440705000000" ? MATTERS.slice(0, 1) : []; }
  locate(lng, lat) { return locate(lng, lat); }
}`;
