import type { VisitNeed } from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { eq } from "drizzle-orm";
import type { Env } from "../../env";
import type { VillageDb } from "../db";
import { houseCases, visits } from "../schema";
import type { CaseRequest } from "./record";
import { enqueueScreeningCase } from "./screening";

/** Writes the cases service's answer to a need back on its visit (and a house visited links the case, 房屋关联隐患). */
function writeBack(db: VillageDb, request: CaseRequest, answer: { caseId: string } | { refusal: string }) {
  const row = db.select().from(visits).where(eq(visits.id, request.visitId)).get();
  if (!row) return;
  const needs = JSON.parse(row.needs) as VisitNeed[];
  const need = needs[request.needIndex];
  if (!need) return;
  needs[request.needIndex] =
    "caseId" in answer
      ? { ...need, caseId: answer.caseId, caseRefusal: null }
      : { ...need, caseRefusal: answer.refusal };
  db.update(visits)
    .set({ needs: JSON.stringify(needs) })
    .where(eq(visits.id, row.id))
    .run();
  if ("caseId" in answer) enqueueScreeningCase(db, row, answer.caseId);
  if ("caseId" in answer && row.targetKind === "house")
    db.insert(houseCases)
      .values({
        houseId: row.targetId,
        caseId: answer.caseId,
        linkedBy: row.workerSub,
        linkedAt: new Date().toISOString(),
      })
      .onConflictDoNothing()
      .run();
}

/**
 * The outbox's "cases" destination: each need asks the cases service (CasesBaseDataRpc.reportFromVisit, idempotent
 * per visit and need) for its case and keeps the answer. A refusal that retrying cannot change crosses RPC as a
 * RangeError (cases' rpc-refusals.ts): it is kept on the need and the request is done; any other error is thrown,
 * so the rows stay in the outbox and the alarm tries again.
 */
export async function openVisitCases(env: Env, bodies: readonly string[], db: VillageDb): Promise<void> {
  for (const body of bodies) {
    const request = JSON.parse(body) as CaseRequest;
    try {
      const { caseId } = await env.CASES.reportFromVisit(request.input);
      writeBack(db, request, { caseId });
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      log("warn", "a visit's need was refused by cases", { visitId: request.visitId, needIndex: request.needIndex });
      writeBack(db, request, { refusal: error.message });
    }
  }
}
