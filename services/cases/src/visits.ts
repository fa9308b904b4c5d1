import { CaseId, CaseLink, Principal, type VisitCaseInput } from "@civicgrid/contracts";
import { AppError, validationError } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import { and, eq } from "drizzle-orm";
import { newCaseId } from "./domain";
import { caseStub, type Env } from "./env";
import { openReport, placementOf, reporterActor } from "./opening";
import { Open311Report } from "./resident";
import { database } from "./store/db";
import { visitCases } from "./store/schema";

/** A need found on a home visit, as the base-data service sends it (CasesBaseDataRpc.reportFromVisit). */
const VisitCase = Open311Report.omit({ clientId: true, contact: true }).extend({
  principal: Principal,
  visitId: z.string().regex(/^vi-\d{12}-\d{6,9}$/, "must be a visit id"),
  needIndex: z.number().int().min(0).max(99),
  address: z.string().max(200).optional(),
  links: z.array(CaseLink).max(10),
});

/** The case id claimed for (visit, need): the first claim stays, so every retry opens the same case. */
async function claim(env: Env, visitId: string, needIndex: number): Promise<string> {
  const db = database(env.DB);
  await db
    .insert(visitCases)
    .values({ visitId, needIndex, caseId: newCaseId(new Date()) })
    .onConflictDoNothing();
  const where = and(eq(visitCases.visitId, visitId), eq(visitCases.needIndex, needIndex));
  return (await db.select({ caseId: visitCases.caseId }).from(visitCases).where(where).get())!.caseId;
}

/**
 * Opens (once) the case of a need a grid worker found on a home visit (走访, issue 14 item 7), reported in the
 * worker's name as if they had reported it themselves — so only at a point in a grid they serve (Jiangmen 第十一条:
 * a worker reports what they find in their own grid) — with the visit and what was visited linked on the case.
 * Idempotent on (visitId, needIndex): the id is claimed in D1 before the case's object opens, and an object that
 * already holds the case answers it again.
 */
export async function reportFromVisit(env: Env, raw: VisitCaseInput): Promise<{ caseId: string }> {
  const parsed = VisitCase.safeParse(raw);
  if (!parsed.success) throw validationError(parsed.error, "input");
  const { principal, visitId, needIndex, links, lng, lat, address, ...text } = parsed.data;
  const place = await placementOf(env, lng, lat);
  if (!principal.roles.includes("grid_worker") || !(principal.grids ?? []).includes(place.gridCode))
    throw AppError.field("input.lng", `the visiting worker does not serve grid ${place.gridCode}`, "forbidden");
  const actor = reporterActor(principal, place);
  const caseId = await claim(env, visitId, needIndex);
  if (await caseStub(env, caseId).snapshot()) return { caseId };
  const report = {
    ...text,
    id: caseId,
    priority: "normal" as const,
    source: "grid_worker" as const,
    placement: place,
    location: { lng, lat, address: address ?? null },
    reporterSub: null,
    links,
  };
  try {
    await openReport(env, report, actor);
  } catch (error) {
    // Two deliveries of the same need at once: the one that lost the race finds the case the other opened.
    if (!(error instanceof AppError && error.code === "conflict" && (await caseStub(env, caseId).snapshot())))
      throw error;
  }
  return { caseId };
}

/** Where a case lies, for base data's jurisdiction check of a link to it; null for no such case. */
export async function caseScope(env: Env, caseId: string) {
  if (!CaseId.safeParse(caseId).success) return null;
  const state = await caseStub(env, caseId).snapshot();
  if (!state) return null;
  return { divisionCode: state.villageCode ?? state.townshipCode ?? state.countyCode, gridCode: state.gridCode };
}
