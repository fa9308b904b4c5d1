// The sweep's own base data in county A, made before the sweep runs: every record a base-data fixture names (see
// sweep-basedata.ts), all in the demo grid worker's grid so that the worker reaches them.
import {
  addressLedger,
  entered,
  newResident,
  rentedHouse,
  residentId,
  shopAt,
  submittedRecord,
  uploadLedger,
  visitBody,
  visited,
} from "./basedata-client";
import { call } from "./client";
import { pointIn, WORKER_GRID } from "./places";

/** The demo village of the demo grid worker's grid (羊桥社区, 白沙街道, 蓬江区). */
export const VILLAGE_A = WORKER_GRID.slice(0, 12);
const VILLAGE_AGENCY = "demo-village-agency";
const GRID_WORKER = "demo-grid-worker";

export interface BaseDataIds {
  road: string;
  door: string;
  /** Pending submissions of the grid worker: one to decide on, one to withdraw. */
  toDecide: string;
  toWithdraw: string;
  /** A rented house at the door. */
  house: string;
  /** A resident of the house, heading a new household (no tag: a department may not read them). */
  person: string;
  household: string;
  /** A shop at the door. */
  unit: string;
  /** The grid worker's visit to the house. */
  visit: string;
  /** An address ledger the village agency uploaded. */
  import: string;
  /** Dispute-screening campaigns (排查) the village agency opened over the grid: one to read, one to close. */
  campaign: string;
  campaignToClose: string;
}

let doors = 0;
const run = () => Date.now() % 100_000;
/** A door under the sweep's road, in the grid worker's grid, with a name no other call uses. */
export const newDoor = ({ road }: Pick<BaseDataIds, "road">) => ({
  villageCode: VILLAGE_A,
  change: {
    kind: "address.create",
    level: "door",
    parentId: road,
    name: `遍历${run()}-${++doors}号`,
    ...pointIn(WORKER_GRID),
  },
});

let ledgers = 0;
/** A one-road address ledger with a road name no other upload uses. */
export const sweepLedger = () => addressLedger(`遍历导入路${run()}-${++ledgers}`, pointIn(WORKER_GRID));

/** A one-day dispute-screening campaign over the grid worker's grid, opened by the village agency. */
export const sweepCampaign = () => {
  const today = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  return { name: `遍历排查${run()}`, purpose: "授权遍历测试", gridCodes: [WORKER_GRID], from: today, to: today };
};

async function opened(): Promise<string> {
  const res = await call("/v1/basedata/campaigns", { as: VILLAGE_AGENCY, body: sweepCampaign() });
  if (res.status !== 201) throw new Error(`the sweep's campaign was refused ${res.status}: ${res.text}`);
  return String(res.json.id);
}

/** The sweep's own base data in county A: a road and a door the village agency entered, two pending doors, … */
export async function baseDataIds(): Promise<BaseDataIds> {
  const enter = (change: Record<string, unknown>) => entered(VILLAGE_AGENCY, VILLAGE_A, change);
  const road = await enter({ kind: "address.create", level: "road", name: `遍历路${run()}` });
  const door = await enter(newDoor({ road }).change);
  const toDecide = await submittedRecord(GRID_WORKER, newDoor({ road }));
  const toWithdraw = await submittedRecord(GRID_WORKER, newDoor({ road }));
  const house = await enter(rentedHouse(door));
  const person = await enter(newResident(house, { idNumber: residentId(), name: "遍历租客" }));
  const read = await call(`/v1/basedata/people/${person}`, { as: VILLAGE_AGENCY });
  if (read.status !== 200) throw new Error(`the sweep's person was not read ${read.status}: ${read.text}`);
  const unit = await enter(shopAt(door, `遍历商店${run()}`));
  const visit = await visited(GRID_WORKER, visitBody("house", house, pointIn(WORKER_GRID)));
  const upload = await uploadLedger(VILLAGE_AGENCY, "addresses", VILLAGE_A, sweepLedger());
  if (upload.status !== 202) throw new Error(`the sweep's ledger was refused ${upload.status}: ${upload.text}`);
  return {
    road,
    door,
    toDecide,
    toWithdraw,
    house,
    person,
    household: String(read.json.householdId),
    unit,
    visit,
    import: String(upload.json.id),
    campaign: await opened(),
    campaignToClose: await opened(),
  };
}
