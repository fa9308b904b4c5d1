// `npm run dev` loads a few demo disputes (矛盾纠纷) after the demo base data, through the public API as the people
// who handle them would: the demo grid worker of 羊桥社区 grid 001 records four disputes between residents of the
// grid (one being mediated by the community's mediation committee, one settled with a written agreement whose
// follow-up is due, one turned major by a threat of violence, so the county and the police are warned and the
// early-warning list has an entry, one the village agency diverted to litigation), and the village agency opens a
// 排查 campaign over the grid for the next two weeks. A marker in the state directory says they are loaded.
import fs from "node:fs";
import path from "node:path";
import { GATEWAY_ORIGIN, STATE_DIR } from "./env.mjs";
import { call, LEDGER_DIR } from "./basedata-demo.mjs";
import { mintDevToken } from "./token.mjs";

const MARKER = "disputes-demo.json";
const GRID = "440703002101001";
/** The people's mediation committee of 羊桥社区 and a mediator of 蓬江区's labour dispute centre (roster demo data). */
const COMMITTEE = "med-440703002101-01";
const LABOUR = "med-440703-labour-01";

/** @typedef {{ origin: string, token: string, signal: AbortSignal }} Api */
/** @typedef {{ id: string, version: number }} Seen */

const day = (offsetDays = 0) =>
  new Date(Date.now() + 8 * 3_600_000 + offsetDays * 86_400_000).toISOString().slice(0, 10);

/**
 * A write that must succeed; its Idempotency-Key is fixed per demo step, so a rerun after a crash repeats nothing.
 * @param {Api} api @param {string} url @param {unknown} body @param {string} key @param {Seen} [seen]
 * @returns {Promise<any>}
 */
async function write(api, url, body, key, seen) {
  const headers = { "content-type": "application/json", "idempotency-key": `demo-disputes-${key}` };
  if (seen) Object.assign(headers, { "if-match": `"v${seen.version}"` });
  const res = await call(api, "POST", url, JSON.stringify(body), headers);
  if (res.status >= 300) throw new Error(`${url}: ${res.status} ${JSON.stringify(res.json)}`);
  return res.json;
}

/**
 * Records one dispute: a case reported at the point, verified, then the dispute's commands in order.
 * @param {Api} api @param {string} key @param {{ lng: number, lat: number }} at @param {string} title
 * @param {[string, unknown][]} commands
 */
async function disputeCase(api, key, at, title, commands) {
  /** @type {Seen} */
  let seen = await write(api, "/v1/cases", { title, description: title, categoryCode: "0801", ...at }, `${key}-report`);
  seen = await write(api, `/v1/cases/${seen.id}/verify`, {}, `${key}-verify`, seen);
  for (const [i, [name, body]] of commands.entries())
    seen = await write(api, `/v1/cases/${seen.id}/dispute/${name}`, body, `${key}-${i}-${name}`, seen);
  return seen.id;
}

/**
 * Loads the demo disputes once the demo base data is in (residents of the grid found through the people search, a
 * point of the grid from the ledgers' manifest); never throws: an error is printed, the next `npm run dev` retries.
 * @param {{ stateDir?: string, origin?: string, signal: AbortSignal }} options
 */
export async function loadDisputesDemo({ stateDir = STATE_DIR, origin = GATEWAY_ORIGIN, signal }) {
  const markerFile = path.join(stateDir, MARKER);
  if (fs.existsSync(markerFile)) return void console.log("civicgrid: demo disputes current");
  try {
    // A point in the grid: where one of the demo's visits there took place.
    /** @type {{ visits: { gridCode: string, lng: number, lat: number }[] }} */
    const manifest = JSON.parse(fs.readFileSync(path.join(LEDGER_DIR, "manifest.json"), "utf8"));
    const visit = manifest.visits.find((v) => v.gridCode === GRID);
    if (!visit) throw new Error(`the demo base data has no visit in ${GRID}`);
    const at = { lng: visit.lng, lat: visit.lat };
    const worker = { origin, signal, token: await mintDevToken("demo-grid-worker") };
    const village = { origin, signal, token: await mintDevToken("demo-village-agency") };
    // Residents of the grid without open tags, as its worker finds them in base data.
    const found = await call(worker, "GET", `/v1/basedata/people?gridCode=${GRID}&status=present&limit=40`);
    /** @type {string[]} */
    const ids = (found.json?.items ?? [])
      .filter((/** @type {any} */ p) => p.tags.length === 0)
      .map((/** @type {any} */ p) => p.id);
    if (ids.length < 6) throw new Error(`base data has ${ids.length} untagged residents in ${GRID}, not 6`);
    const person = (/** @type {number} */ i, role = i % 2 ? "respondent" : "applicant") => ({
      kind: "person",
      personId: ids[i],
      role,
    });
    const now = new Date().toISOString();
    const session = (/** @type {string} */ outcome) => ({
      at: now,
      place: "羊桥社区人民调解室",
      attendees: ["双方当事人", "调解员"],
      outcome,
      summary: outcome === "settled" ? "双方达成一致意见" : "双方陈述意见，约定下周再调",
    });
    const mediating = await disputeCase(worker, "drain", at, "邻里排水纠纷", [
      ["record", { relation: "neighbours", summary: "两户因院墙排水问题争执", parties: [person(0), person(1)] }],
      ["add-contact", { at: now, channel: "visit", parties: [0, 1], summary: "上门了解情况" }],
      ["assign-mediator", { mediatorId: COMMITTEE }],
      ["record-session", session("adjourned")],
    ]);
    const agreed = await disputeCase(worker, "wages", at, "装修工钱纠纷", [
      [
        "record",
        {
          relation: "labour",
          summary: "装修工人追讨工钱",
          parties: [person(2), { kind: "named", role: "respondent", name: "陈包工" }],
          claims: [{ by: 0, text: "支付拖欠工钱", amount: 8600 }],
        },
      ],
      ["assign-mediator", { mediatorId: LABOUR }],
      ["record-session", session("settled")],
      [
        "record-agreement",
        {
          terms: ["被申请人于十日内分两次支付工钱8600元", "申请人收款后不再追究"],
          signatories: [
            { name: "申请人", capacity: "party", party: 0 },
            { name: "陈包工", capacity: "party", party: 1 },
            { name: "调解员", capacity: "mediator" },
          ],
          signedOn: day(),
          performBy: day(10),
        },
      ],
    ]);
    const major = await disputeCase(worker, "land", at, "宅基地边界纠纷", [
      ["record", { relation: "land", summary: "两户因宅基地边界多次争吵", parties: [person(3), person(4)] }],
      ["record-threat", { at: now, by: 1, description: "扬言持刀报复", violence: true }],
    ]);
    const diverted = await disputeCase(worker, "loan", at, "民间借贷纠纷", [
      [
        "record",
        {
          relation: "debt",
          summary: "借款到期未还",
          parties: [person(5, "applicant"), { kind: "named", role: "respondent", name: "黄借款" }],
          claims: [{ by: 0, text: "归还借款", amount: 50000 }],
        },
      ],
    ]);
    const seen = await call(village, "GET", `/v1/cases/${diverted}`);
    await write(
      village,
      `/v1/cases/${diverted}/dispute/divert`,
      { channel: "litigation", reason: "当事人不同意调解，已向法院起诉", receivingBody: "江门市蓬江区人民法院" },
      "loan-divert",
      seen.json,
    );
    const campaign = await write(
      village,
      "/v1/basedata/campaigns",
      {
        name: "节前矛盾纠纷排查",
        purpose: "节前排查邻里、家庭、劳资纠纷",
        gridCodes: [GRID],
        from: day(),
        to: day(14),
      },
      "campaign",
    );
    const loaded = { mediating, agreed, major, diverted, campaign: campaign.id };
    fs.writeFileSync(markerFile, JSON.stringify(loaded, null, 2));
    console.log(`civicgrid: demo disputes loaded: ${Object.values(loaded).join(", ")}`);
  } catch (error) {
    if (signal.aborted) return;
    console.error(`civicgrid: demo disputes NOT loaded: ${error instanceof Error ? error.message : String(error)}`);
  }
}
