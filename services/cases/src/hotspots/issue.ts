import type { CaseView, Hotspot, WorkOrderBody } from "@civicgrid/contracts";
import { AppError, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { viewOf } from "../do/envelope";
import { newCaseId } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { countyShard } from "../read-models";
import type { Db } from "../store/db";
import { claimWorkOrderId, markIssued } from "../store/hotspots";
import { openWorkOrder } from "../work-orders";

/** The shard of a proposal's county (its id names it: hs-202611-440703000000-1), through the request's session. */
export function hotspotDb(c: Context<AppEnv>, id: string): Db {
  return c.var.shards.db(countyShard(c.env, id.split("-")[2] ?? "", "param.id"), "write");
}

/** How many of the recurring cases the work order's description names (the rest are counted). */
const NAMED_CASES = 20;

/** The proactive work order a hotspot proposes: its matter, to its grid's workers, saying what recurred where. */
export function workOrderOf(h: Hotspot, options: Pick<WorkOrderBody, "action" | "priority">): WorkOrderBody {
  const named = h.caseIds.slice(0, NAMED_CASES).join("、");
  const more = h.caseIds.length > NAMED_CASES ? `等${h.caseIds.length}件` : "";
  return {
    ...options,
    gridCode: h.gridCode,
    categoryCode: h.categoryCode,
    title: `未诉先办：事项${h.categoryCode}在同一地点${h.month}反映${h.count}次`,
    description:
      `${h.month}，在(${h.lng}, ${h.lat})周围${h.radiusMeters}米内，事项${h.categoryCode}被反映${h.count}次` +
      `（首次${h.firstAt}，末次${h.lastAt}）。请主动上门核查处置，从源头解决反复出现的问题。相关案件：${named}${more}。`,
  };
}

/**
 * Issues a proposal in one step (未诉先办): opens its proactive work order through the 统一交办 opening and marks it
 * issued with the case. The case id is claimed on the proposal before the case's object opens, so a retry after a
 * failure opens (or finds) the same case; a proposal already issued or dismissed is refused (409).
 */
export async function issueHotspot(
  c: Context<AppEnv>,
  h: Hotspot,
  options: Pick<WorkOrderBody, "action" | "priority">,
): Promise<CaseView> {
  refuseDecided(h);
  const db = hotspotDb(c, h.id);
  const caseId = await claimWorkOrderId(db, h.id, newCaseId(new Date()));
  if (!caseId) throw new AppError("conflict", `hotspot ${h.id} was decided meanwhile`);
  const opened = await caseStub(c.env, caseId).snapshot();
  const view = opened ? viewOf(opened) : await openWorkOrder(c, workOrderOf(h, options), caseId);
  await markIssued(db, h.id, principalOf(c).sub, new Date().toISOString());
  return view;
}

/** A proposal already issued or dismissed takes no second decision. */
export function refuseDecided(h: Hotspot): void {
  if (h.status === "issued") throw new AppError("conflict", `hotspot ${h.id} was already issued as case ${h.caseId}`);
  if (h.status === "dismissed") throw new AppError("conflict", `hotspot ${h.id} was dismissed: ${h.dismissReason}`);
}
