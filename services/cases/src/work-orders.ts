import { countyOf, townshipOf, type CaseView, type WorkOrderBody } from "@civicgrid/contracts";
import { mayEver } from "@civicgrid/auth";
import { AppError, assertReferences, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { actorFor } from "./domain";
import type { AppEnv } from "./env";
import { openReport } from "./opening";
import { scopeResolver } from "./references";

/**
 * 统一交办: opens a work order giving a grid's workers a listed matter to check or act on, in the caller's name
 * (a grid agency over the grid). `id` fixes the case's id when the caller claimed it beforehand (an issued hotspot).
 */
export async function openWorkOrder(c: Context<AppEnv>, body: WorkOrderBody, id?: string): Promise<CaseView> {
  const principal = principalOf(c);
  // Only grid agencies assign matters to grid workers (统一交办); a department asking is refused by the policy.
  if (!mayEver(principal, "case:assign-work-order"))
    throw new AppError("forbidden", "only a grid agency may assign matters to grid workers (统一交办)");
  const resolve = scopeResolver(c.env);
  await assertReferences(
    c,
    [{ field: "body.gridCode", kind: "grid", id: body.gridCode, action: "case:assign-work-order" }],
    resolve,
  );
  const villageCode = (await resolve("grid", body.gridCode))!.divisionCode!;
  const place = {
    gridCode: body.gridCode,
    villageCode,
    townshipCode: townshipOf(villageCode),
    countyCode: countyOf(villageCode),
  };
  const actor = actorFor(principal, "case:assign-work-order", { divisionCode: villageCode });
  if (!actor) throw AppError.field("body.gridCode", "this grid lies outside your jurisdiction", "forbidden");
  return openReport(
    c.env,
    {
      id,
      title: body.title,
      description: body.description,
      categoryCode: body.categoryCode,
      priority: body.priority,
      source: "agency",
      placement: place,
      location: null,
      reporterSub: null,
      workOrder: { action: body.action, assignedBy: principal.sub },
    },
    actor,
  );
}
