import { z } from "@hono/zod-openapi";
import { DisputeEventSummary } from "./disputes/dispute";

/**
 * The case events every consumer (notifications, assessments, integrations) reads. The cases service
 * publishes one per state change, in an EventEnvelope whose `aggregateId` is the case id, `version`
 * the case version after the change and `id` stable across redeliveries (`<caseId>:<version>`).
 */
export const CaseStatus = z.enum([
  "reported",
  "verified",
  "accepted",
  "dispatched",
  "signed",
  "handled",
  "closed",
  "rated",
  "archived",
  "invalid",
  "merged",
]);
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CaseSource = z.enum(["grid_worker", "resident", "agency", "platform"]);
export type CaseSource = z.infer<typeof CaseSource>;

export const CasePriority = z.enum(["normal", "urgent", "emergency"]);
export type CasePriority = z.infer<typeof CasePriority>;

/**
 * A case closes through `case.check_passed` (the agency's check) or `case.resolved_on_site` (the grid
 * worker); both carry `status: "closed"`. There is no separate closing event.
 */
export const CaseEventType = z.enum([
  "case.reported",
  "case.work_order_created",
  /**
   * A work order under an off-list matter: recorded, but not given to the grid's workers until the county approves
   * the matter (Gansu 二(二)1, Wuxi 第五十六条); `case.work_order_created` follows the approval.
   */
  "case.work_order_awaiting_approval",
  "case.verified",
  "case.resolved_on_site",
  "case.accepted",
  "case.escalated",
  "case.dispatched",
  "case.returned",
  "case.signed",
  "case.handled",
  "case.check_passed",
  "case.check_failed",
  "case.rated",
  "case.reopened",
  "case.archived",
  "case.extension_requested",
  "case.extension_approved",
  "case.extension_refused",
  "case.merged",
  "case.invalidated",
  "case.matter_approved",
  "case.deadline_warning",
  "case.overdue",
  "case.supervised",
  /** A provincial platform amended its order: a note, and perhaps a new description; the status does not change. */
  "case.amended",
  /**
   * Disputes (矛盾纠纷, see disputes/dispute.ts): a case whose details name parties; these events carry
   * `dispute` (a summary, never a party's identity). `dispute.reopened` moves a closed case back to accepted (a
   * follow-up found the agreement broken). `dispute.county_warned` and `dispute.police_warned` happen at most once
   * per case: the first time it is major risk (the stability fast path to the county) and the first time a threat
   * of violence is recorded (命案风险预警 to the police in `warnDepartmentIds`).
   */
  "dispute.recorded",
  "dispute.contact_added",
  "dispute.threat_recorded",
  "dispute.graded",
  "dispute.risk_raised",
  "dispute.county_warned",
  "dispute.police_warned",
  "dispute.mediator_assigned",
  "dispute.session_recorded",
  "dispute.agreement_recorded",
  "dispute.followed_up",
  "dispute.reopened",
  "dispute.diverted",
  "dispute.outcome_recorded",
  /**
   * Hotline features (issue 16). `case.media_attached` carries the file's SHA-256 (the archive proves it unchanged);
   * `case.reporter_joined` a reporter who added themselves (+1) or came with a merged case; pauses (挂账) stop the
   * clock between `case.pause_approved` and `case.resumed`; a department's return (退单) is ruled by the agency:
   * upheld (it re-dispatches) or rejected (强派: back to the same department); `case.followed_up` records a
   * follow-up (回访) and its channel; `case.follow_up_due` is the clock's notice that no follow-up came in time.
   */
  "case.media_attached",
  "case.reporter_joined",
  "case.pause_requested",
  "case.pause_approved",
  "case.pause_refused",
  "case.resumed",
  "case.return_upheld",
  "case.return_rejected",
  "case.followed_up",
  "case.follow_up_due",
]);
export type CaseEventType = z.infer<typeof CaseEventType>;

export const CaseEventData = z.object({
  caseId: z.string(),
  status: CaseStatus,
  previousStatus: CaseStatus.nullable(),
  title: z.string(),
  categoryCode: z.string(),
  priority: CasePriority,
  source: CaseSource,
  gridCode: z.string().nullable(),
  villageCode: z.string().nullable(),
  townshipCode: z.string().nullable(),
  countyCode: z.string(),
  /** The agency level currently holding the case (village → township → county → city). */
  holderDivisionCode: z.string(),
  leadDepartmentId: z.string().nullable(),
  assistingDepartmentIds: z.array(z.string()),
  /**
   * Who acted: login subject, the role they acted in, and their unit: the department id when acting as a department,
   * the division code when acting as an agency or grid worker; `{ sub: "system", role: "system", unit: "cases" }`
   * for the clock's own events (warnings, overdue, supervision), whose unit answerable is `responsibleUnit`.
   */
  actor: z.object({ sub: z.string(), role: z.string(), unit: z.string() }),
  /**
   * The department an event counts against when the state after it no longer names it: on `case.returned` the
   * department that returned the case, on `case.reopened` the lead department whose handling the resident rejected.
   * Null on other events; absent on events published before it existed (read `details.departmentId` there).
   */
  fromDepartmentId: z.string().nullable().optional(),
  /** The step now running and its deadline (ISO instants), when one runs. */
  step: z.string().nullable(),
  dueAt: z.string().nullable(),
  warnAt: z.string().nullable(),
  /** The unit responsible for the current step (a department id or a division code), for warnings and rankings. */
  responsibleUnit: z.string().nullable(),
  /** For rated cases: satisfied | basically_satisfied | unsatisfied. */
  rating: z.string().nullable().optional(),
  /** Set when a provincial platform pushed the case: platform id and its own work-order id. */
  external: z.object({ platform: z.string(), orderId: z.string() }).nullable().optional(),
  /** Set when a resident reported it and left a contact for the closing notice. */
  reporterSub: z.string().nullable().optional(),
  /** On dispute cases: the dispute's stage, relation, risk, mediator and diversion (DisputeEventSummary). */
  dispute: DisputeEventSummary.nullable().optional(),
  /** On `dispute.police_warned`: the police departments told (the county's rules name them). */
  warnDepartmentIds: z.array(z.string()).optional(),
  /** Free details of this event (reason, outcome, late minutes, ...). */
  details: z.record(z.string(), z.unknown()).optional(),
  /** The logins of the case's co-reporters (+1 and merged cases), told of its outcome as the reporter is. */
  coReporterSubs: z.array(z.string()).optional(),
});
export type CaseEventData = z.infer<typeof CaseEventData>;
