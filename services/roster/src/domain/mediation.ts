import { divisionLevel, type DivisionLevel, type MediationBodyKind, type NewMediator } from "@civicgrid/contracts";
import type { Refusal } from "./refusal";

/**
 * The rules of the registry of mediators, as values. 人民调解法 第八条 and Wuxi 第四十二条–第四十七条: committees sit in
 * villages (村/居民委员会) and townships (乡镇/街道); professional organisations are set up at county level.
 * 人民调解法 第十三条–第十四条: a mediator holds a qualification and has been trained.
 */

/** Where each kind of body sits. */
export const BODY_LEVEL: Record<MediationBodyKind, DivisionLevel> = {
  village_committee: "village",
  township_committee: "township",
  professional: "county",
};

const unprocessable = (field: string, message: string): Refusal => ({
  code: "unprocessable",
  detail: `${field}: ${message}`,
  errors: [{ field, message }],
});

/** A body whose division is not of its kind's level, or whose fields of practice do not fit its kind. */
export function bodyRefusal(body: { kind: MediationBodyKind; divisionCode: string; fields: readonly string[] }) {
  const level = BODY_LEVEL[body.kind];
  if (divisionLevel(body.divisionCode) !== level)
    return unprocessable(
      "body.divisionCode",
      `a ${body.kind} sits in a ${level}, not a ${divisionLevel(body.divisionCode)}`,
    );
  // Committees mediate every civil dispute of their place; only professional organisations have fields.
  if (body.kind === "professional" && body.fields.length === 0)
    return unprocessable("body.fields", "a professional mediation organisation names at least one field");
  if (body.kind !== "professional" && body.fields.length > 0)
    return unprocessable("body.fields", "only a professional mediation organisation has fields of practice");
  return null;
}

/** What the registration of a mediator is checked against, read before. */
export interface MediatorFacts {
  body: { kind: MediationBodyKind; active: boolean } | null;
  worker: { status: string } | null;
  today: string;
}

/** A qualification not valid on `day` (its last valid day is `validUntil`). */
export const qualificationExpired = (validUntil: string, day: string) => validUntil < day;

/** Why a mediator may not be registered (or changed to these details), or null. */
export function mediatorRefusal(
  m: Pick<NewMediator, "kind" | "bodyId" | "workerId" | "name" | "qualification" | "trainedOn">,
  facts: MediatorFacts,
): Refusal | null {
  if (m.kind === "grid_worker") {
    // A grid worker mediates in their own right (Jiangmen 第十一条(四)), as the roster's worker, not for a body.
    if (m.bodyId !== undefined) return unprocessable("body.bodyId", "a grid worker mediating alone has no body");
    if (m.workerId === undefined) return unprocessable("body.workerId", "a grid-worker mediator names the worker");
    if (facts.worker?.status !== "active")
      return unprocessable("body.workerId", `the worker is ${facts.worker?.status ?? "unknown"}, not active`);
  } else {
    if (m.workerId !== undefined) return unprocessable("body.workerId", "only a grid-worker mediator names a worker");
    if (m.bodyId === undefined) return unprocessable("body.bodyId", `a ${m.kind} mediator belongs to a body`);
    if (m.name === undefined) return unprocessable("body.name", "the mediator's name is required");
    if (!facts.body?.active) return unprocessable("body.bodyId", "the body is no longer active");
    if (facts.body.kind !== m.kind)
      return unprocessable("body.kind", `the body is a ${facts.body.kind}; its mediators are of that kind`);
  }
  return registrationRefusal(m, facts.today);
}

/** The qualification valid on the day of registration, the training already done. */
export function registrationRefusal(m: Pick<NewMediator, "qualification" | "trainedOn">, today: string) {
  if (qualificationExpired(m.qualification.validUntil, today))
    return unprocessable("body.qualification.validUntil", `the qualification expired before ${today}`);
  if (m.trainedOn > today) return unprocessable("body.trainedOn", "the training must have taken place");
  return null;
}

/** Whether a mediator may take a dispute today: registered, body and worker active, qualification valid. */
export function mayMediate(m: {
  active: boolean;
  validUntil: string;
  bodyActive: boolean | null;
  workerStatus: string | null;
  today: string;
}): boolean {
  return (
    m.active &&
    !qualificationExpired(m.validUntil, m.today) &&
    m.bodyActive !== false &&
    (m.workerStatus === null || m.workerStatus === "active")
  );
}
