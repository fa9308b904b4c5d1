import type { NewVisit, Principal, VisitCaseInput, VisitNeed, Visit } from "@civicgrid/contracts";
import { and, eq, gt, isNull, or } from "drizzle-orm";
import { fieldRefusal, ok, refused, type Outcome } from "../../domain/refusal";
import { shanghaiDay } from "../../domain/visit-plan";
import type { VillageDb } from "../db";
import { nextId } from "../ids";
import { enqueue, villageEvent } from "../outbox";
import { tags, visits } from "../schema";
import { enqueueScreening } from "./screening";
import { visitView } from "./view";

/** What the route established before the object records the visit: the grid of its point and who visited. */
export interface VisitInput {
  visit: NewVisit;
  gridCode: string;
  principal: Principal;
}

/** A case to open for a need, as the outbox keeps it until the cases service answers (see case-links.ts). */
export interface CaseRequest {
  visitId: string;
  needIndex: number;
  input: VisitCaseInput;
}

/** A planned visit names a tag the person holds now; tags are on people only. */
function tagRefusal(db: VillageDb, visit: NewVisit, today: string) {
  if (!visit.tagKind) return null;
  if (visit.targetKind !== "person") return fieldRefusal("body.tagKind", "only a visit to a person fulfils a tag");
  const open = db
    .select({ id: tags.id })
    .from(tags)
    .where(
      and(eq(tags.personId, visit.targetId), eq(tags.kind, visit.tagKind), or(isNull(tags.end), gt(tags.end, today))),
    )
    .get();
  return open ? null : fieldRefusal("body.tagKind", `${visit.targetId} holds no open ${visit.tagKind} tag`);
}

/**
 * Records a visit in one transaction with what others must hear of it: `basedata.visit.recorded` for the
 * assessments (Gansu 四: 走访 is assessed), and one case request per need that asks for a case, keyed by
 * (visit, need) so that the cases service opens each once however often the outbox delivers it.
 */
export function recordVisit(
  db: VillageDb,
  storage: DurableObjectStorage,
  villageCode: string,
  input: VisitInput,
  now: Date,
): Outcome<Visit> {
  const { visit, gridCode, principal } = input;
  const refusal = tagRefusal(db, visit, shanghaiDay(now));
  if (refusal) return refused(refusal);
  const view = storage.transactionSync(() => {
    const id = nextId(db, "visit", villageCode);
    const needs: VisitNeed[] = visit.needs.map((n) => ({ ...n, caseId: null }));
    const row = db
      .insert(visits)
      .values({
        id,
        workerSub: principal.sub,
        targetKind: visit.targetKind,
        targetId: visit.targetId,
        gridCode,
        visitedAt: new Date(visit.visitedAt).toISOString(),
        lng: visit.lng,
        lat: visit.lat,
        outcome: visit.outcome,
        tagKind: visit.tagKind ?? null,
        needs: JSON.stringify(needs),
        campaignId: visit.campaignId ?? null,
        createdAt: now.toISOString(),
      })
      .returning()
      .get();
    const data = {
      visitId: id,
      workerSub: principal.sub,
      gridCode,
      villageCode,
      targetKind: visit.targetKind,
      tagKind: visit.tagKind ?? null,
      visitedAt: row.visitedAt,
    };
    const type = "basedata.visit.recorded";
    enqueue(db, "assessments", `${type}:${id}`, villageEvent(type, villageCode, id, 1, data, now));
    enqueueScreening(db, row, visit.needs.filter((n) => n.openCase).length);
    visit.needs.forEach((need, needIndex) => {
      if (!need.openCase) return;
      const request: CaseRequest = {
        visitId: id,
        needIndex,
        input: {
          principal,
          visitId: id,
          needIndex,
          title: need.openCase.title,
          description: need.openCase.description ?? need.text,
          categoryCode: need.openCase.categoryCode,
          lng: visit.lng,
          lat: visit.lat,
          links: [
            { kind: "visit", id },
            { kind: visit.targetKind, id: visit.targetId },
          ],
        },
      };
      enqueue(db, "cases", `visit-case:${id}:${needIndex}`, request);
    });
    return visitView(row, villageCode);
  });
  return ok(view);
}
