import { z } from "@hono/zod-openapi";
import { CaseEventData, CasePriority, CaseSource, CaseStatus } from "./case-events";
import { DivisionLevel } from "./division";
import { DisputeView } from "./disputes/dispute";
import { StepLimit } from "./limits";
import { PageQuery } from "./pagination";
import { MediaItem, MediaMismatch } from "./media";
import { MatterChange } from "./registry";

/** Bodies and answers of the cases service (`/v1/cases`, `/v1/public/cases`, `/v1/supervisions`). */

export const CaseStep = z.enum(["accept", "dispatch", "sign", "handle", "check"]);
export type CaseStep = z.infer<typeof CaseStep>;

export const CaseRating = z.enum(["satisfied", "basically_satisfied", "unsatisfied"]);
export type CaseRating = z.infer<typeof CaseRating>;

/** The request types of 接诉即办: 咨询, 求助, 投诉, 举报, 建议; each county sets its own default time limits. */
export const RequestType = z.enum(["consultation", "help", "complaint", "report", "suggestion"]);
export type RequestType = z.infer<typeof RequestType>;

const Text = (max: number) => z.string().trim().min(1).max(max);
export const CaseId = z.string().regex(/^CASE-\d{8}-[A-Z2-7]{10}$/, "must be a case id like CASE-20260315-ABCDEFGHJK");
const CategoryCode = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, "letters, digits, . _ - (1 to 32)");
const DepartmentId = z.string().regex(/^dept-\d{6}-[a-z_]{2,32}$/, "must be a department id like dept-440703-police");

export const Evidence = z
  .array(
    z.object({
      kind: z.enum(["photo", "video", "document", "note"]),
      url: z.url().max(500),
      caption: z.string().max(200).optional(),
    }),
  )
  .max(20);
export type Evidence = z.infer<typeof Evidence>;

export const ReportCaseBody = z
  .object({
    title: z.string().trim().min(2).max(100),
    description: Text(4000),
    categoryCode: CategoryCode,
    priority: CasePriority.default("normal"),
    lng: z.number().min(73).max(136),
    lat: z.number().min(3).max(54),
    address: z.string().max(200).optional(),
    requestType: RequestType.optional(),
  })
  .openapi("ReportCaseBody");
export type ReportCaseBody = z.infer<typeof ReportCaseBody>;

/** 统一交办: a grid agency asks the workers of a grid to check or act on a listed matter. */
export const WorkOrderBody = z
  .object({
    gridCode: z.string().regex(/^\d{15}$/, "must be a 15-digit grid code"),
    title: z.string().trim().min(2).max(100),
    description: Text(4000),
    categoryCode: CategoryCode,
    priority: CasePriority.default("normal"),
    action: z.enum(["check", "act"]),
  })
  .openapi("WorkOrderBody");
export type WorkOrderBody = z.infer<typeof WorkOrderBody>;

/** A return's ground (退单理由): not our territory, not our function, not our property. */
export const ReturnGround = z.enum(["not_territory", "not_function", "not_property"]);
export type ReturnGround = z.infer<typeof ReturnGround>;
export const FollowUpChannel = z.enum(["phone", "sms", "app", "visit", "wechat"]);
/** A follow-up (回访) after closure: who was reached how; a reached reporter's rating counts as their rating. */
export const FollowUpBody = z
  .object({
    channel: FollowUpChannel,
    reached: z.boolean(),
    rating: CaseRating.optional(),
    comment: z.string().max(1000).optional(),
  })
  .refine((b) => b.reached === (b.rating !== undefined), {
    path: ["rating"],
    message: "a reached reporter's rating is required, and an unreached one has none",
  });
/** A department's return and the agency's ruling: upheld (re-dispatch elsewhere) or rejected (强派 back to it). */
export const ReturnClaim = z.object({
  departmentId: z.string(),
  ground: ReturnGround,
  reason: z.string(),
  evidence: Evidence,
  at: z.string(),
  status: z.enum(["pending", "upheld", "rejected"]),
  opinion: z.string().nullable(),
  ruledAt: z.string().nullable(),
  /** The change request to the county's matters list the ruling asked for (filed in the registry after it). */
  matterChangeRequestId: z.string().nullable(),
  /** The change the ruling asked for, and who ruled (the request's requester); absent when it asked for none. */
  matterChange: MatterChange.optional(),
  ruledBy: z.object({ sub: z.string(), unit: z.string() }).optional(),
});
export type ReturnClaim = z.infer<typeof ReturnClaim>;
export const FollowUpRecord = z.object({
  channel: FollowUpChannel,
  reached: z.boolean(),
  rating: CaseRating.nullable(),
  comment: z.string().nullable(),
  by: z.string(),
  at: z.string(),
});
export type FollowUpRecord = z.infer<typeof FollowUpRecord>;

const Note = z.object({ note: z.string().max(1000).optional() });
export const CommandBodies = {
  verify: Note,
  "resolve-on-site": z.object({ outcome: Text(2000), evidence: Evidence.default([]) }),
  accept: Note,
  dispatch: z.object({
    leadDepartmentId: DepartmentId,
    assistingDepartmentIds: z.array(DepartmentId).max(10).default([]),
    note: z.string().max(1000).optional(),
  }),
  sign: Note,
  handle: z.object({ outcome: Text(2000), evidence: Evidence.default([]) }),
  check: z.object({ passed: z.boolean(), opinion: Text(1000) }),
  rate: z.object({ rating: CaseRating, comment: z.string().max(1000).optional(), reopen: z.boolean().default(false) }),
  archive: Note,
  return: z.object({
    ground: ReturnGround,
    reason: z.string().trim().min(2).max(1000),
    evidence: Evidence.default([]),
  }),
  escalate: z.object({ reason: z.string().trim().min(2).max(1000) }),
  "request-extension": z.object({
    amount: z.number().int().min(1).max(30),
    unit: z.enum(["working_days", "working_hours"]),
    reason: Text(1000),
  }),
  "review-extension": z.object({ approved: z.boolean(), opinion: Text(1000) }),
  merge: z.object({ intoCaseId: CaseId, reason: z.string().max(1000).optional() }),
  invalidate: z.object({ reason: z.string().trim().min(2).max(1000) }),
  "approve-matter": z.object({ opinion: Text(1000) }),
  "request-pause": z.object({ reason: Text(1000), until: z.iso.datetime({ offset: true }) }),
  "review-pause": z.object({ approved: z.boolean(), opinion: Text(1000) }),
  resume: Note,
  /** +1: a reporter adds themselves to an open case of their matter instead of filing a duplicate (issue 16). */
  join: z.object({ note: z.string().max(1000).optional() }),
  "rule-return": z.object({ upheld: z.boolean(), opinion: Text(1000), matterChange: MatterChange.optional() }),
  "follow-up": FollowUpBody,
} as const;
export type CommandName = keyof typeof CommandBodies;
export type CommandBody<N extends CommandName> = z.infer<(typeof CommandBodies)[N]>;

/** Every command of the case loop by name (the keys of CommandBodies, in their order). */
export const CaseCommandName = z.enum(Object.keys(CommandBodies) as [CommandName, ...CommandName[]]);

/**
 * `GET /v1/cases/{id}/commands`: what the caller may do to the case now: the commands whose status, guards, role
 * and unit all let them run at this version (the body is checked only when one is sent). Screens show exactly these.
 */
export const CaseCommands = z
  .object({
    version: z.number().int().min(1),
    allowed: z.array(CaseCommandName),
  })
  .openapi("CaseCommands");
export type CaseCommands = z.infer<typeof CaseCommands>;

export const MatterApproval = z
  .object({
    sub: z.string(),
    role: z.string(),
    unit: z.string(),
    level: DivisionLevel,
    opinion: z.string(),
    at: z.string(),
  })
  .openapi("MatterApproval");
export type MatterApproval = z.infer<typeof MatterApproval>;

/** A base-data record a case concerns (a visit that found it, the house, person or unit visited). */
export const CaseLink = z.object({ kind: z.enum(["visit", "house", "person", "unit"]), id: z.string() });
export type CaseLink = z.infer<typeof CaseLink>;

/**
 * A reporter besides the first: one who added themselves to the case (+1) instead of filing a duplicate, or the
 * reporter of a case merged into it. Each is told of the outcome and may rate it. `sub` is null for a reporter
 * without a login (they follow with their own follow token).
 */
export const CoReporter = z.object({
  sub: z.string().nullable(),
  via: z.enum(["join", "merge"]),
  fromCaseId: z.string().nullable(),
  joinedAt: z.string(),
});
export type CoReporter = z.infer<typeof CoReporter>;

/**
 * A pause of the running step (挂账): `stepStartedAt` binds it to the step it was asked in (a new step ends it);
 * `since` is when the approved pause stopped the clock, `until` the expected resume.
 */
export const CasePause = z.object({
  status: z.enum(["pending", "approved", "refused", "ended"]),
  reason: z.string(),
  until: z.string(),
  stepStartedAt: z.string().nullable(),
  requestedAt: z.string(),
  since: z.string().nullable(),
});
export type CasePause = z.infer<typeof CasePause>;

export const ExtensionApproval = z.object({ sub: z.string(), unit: z.string(), level: DivisionLevel, at: z.string() });
export type ExtensionApproval = z.infer<typeof ExtensionApproval>;

export const CaseView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    status: CaseStatus,
    title: z.string(),
    description: z.string(),
    categoryCode: z.string(),
    matterName: z.string().nullable(),
    matterStatus: z.enum(["admitted", "unlisted"]),
    matterApproved: z.boolean(),
    /** Who approved an off-list matter, at which agency level, and why (Jiangmen 第九条: the county keeps the lists). */
    matterApproval: MatterApproval.nullable(),
    priority: CasePriority,
    source: CaseSource,
    workOrder: z.object({ action: z.enum(["check", "act"]), assignedBy: z.string() }).nullable(),
    location: z.object({ lng: z.number(), lat: z.number(), address: z.string().nullable() }).nullable(),
    // Where the case lies and who holds it: the same fields the case events carry.
    ...CaseEventData.pick({
      gridCode: true,
      villageCode: true,
      townshipCode: true,
      countyCode: true,
      holderDivisionCode: true,
      leadDepartmentId: true,
      assistingDepartmentIds: true,
    }).shape,
    reporterSub: z.string().nullable(),
    external: z.object({ platform: z.string(), orderId: z.string() }).nullable(),
    emergency: z.boolean(),
    stabilityRisk: z.boolean(),
    policeCall: z.boolean(),
    limits: z.record(z.string(), StepLimit),
    step: CaseStep.nullable(),
    stepStartedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    warnAt: z.string().nullable(),
    warned: z.boolean(),
    overdue: z.boolean(),
    returns: z.number().int(),
    reworks: z.number().int(),
    escalations: z.number().int(),
    outcome: z.string().nullable(),
    evidence: Evidence,
    rating: CaseRating.nullable(),
    extension: z
      .object({
        amount: z.number(),
        unit: z.enum(["working_days", "working_hours"]),
        reason: z.string(),
        status: z.enum(["pending", "approved", "refused"]),
      })
      .nullable(),
    mergedInto: z.string().nullable(),
    closeReason: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    closedAt: z.string().nullable(),
    /** Base-data records linked at opening (a case opened from a home visit); absent on other cases. */
    links: z.array(CaseLink).optional(),
    /** The dispute's details, mediation and diversion (矛盾纠纷); absent on cases that are not disputes. */
    dispute: DisputeView.optional(),
    /** The steps whose record must carry before and after photos, from the matter list when the case opened. */
    beforeAfterPhotos: z.array(z.enum(["resolve-on-site", "handle"])).optional(),
    /** Reporters who joined (+1) or came with merged cases; absent while there are none. */
    coReporters: z.array(CoReporter).optional(),
    /** The step's pause (挂账): asked, approved (the clock stopped since `since`), refused or ended; absent: none. */
    pause: CasePause.nullable().optional(),
    /** Who approved each extension of this case, at which agency level (a second one needs a higher level). */
    extensionApprovals: z.array(ExtensionApproval).optional(),
    /** 咨询, 求助, 投诉, 举报 or 建议, as reported; absent on cases reported without one. */
    requestType: RequestType.optional(),
    /** Photos, videos and documents attached (issue 16 media); absent while there are none. */
    media: z.array(MediaItem).optional(),
    /** The last disputed return (退单) and the agency's ruling on it; absent while the case was never returned so. */
    returnClaim: ReturnClaim.optional(),
    /** Follow-ups (回访) recorded after closure, and how often the reporter was unsatisfied (reopen once, then escalate). */
    followUps: z.array(FollowUpRecord).optional(),
    unsatisfied: z.number().int().optional(),
    /** Set once `case.follow_up_due` fired (the follow-up time passed without a follow-up or rating). */
    followUpDueNotified: z.boolean().optional(),
  })
  .openapi("Case");
export type CaseView = z.infer<typeof CaseView>;

export const CaseSummary = CaseView.pick({
  id: true,
  version: true,
  status: true,
  title: true,
  categoryCode: true,
  priority: true,
  source: true,
  gridCode: true,
  countyCode: true,
  holderDivisionCode: true,
  leadDepartmentId: true,
  step: true,
  dueAt: true,
  warned: true,
  overdue: true,
  createdAt: true,
  updatedAt: true,
}).openapi("CaseSummary");
export type CaseSummary = z.infer<typeof CaseSummary>;

const Flag = z.enum(["true", "false"]).transform((v) => v === "true");
const Instant = z.iso.datetime({ offset: true });
export const CaseListQuery = PageQuery.extend({
  division: z
    .string()
    .regex(/^\d{12}$/)
    .optional(),
  grid: z
    .string()
    .regex(/^\d{15}$/)
    .optional(),
  department: DepartmentId.optional(),
  status: CaseStatus.optional(),
  category: CategoryCode.optional(),
  priority: CasePriority.optional(),
  warned: Flag.optional(),
  overdue: Flag.optional(),
  createdFrom: Instant.optional(),
  createdTo: Instant.optional(),
  q: z.string().trim().min(1).max(100).optional(),
});
export type CaseListQuery = z.infer<typeof CaseListQuery>;

export const CaseEventRecord = z
  .object({
    version: z.number().int(),
    type: z.string(),
    actor: z.object({ sub: z.string(), role: z.string(), unit: z.string() }),
    at: z.string(),
    from: CaseStatus.nullable(),
    to: CaseStatus,
    payload: z.record(z.string(), z.unknown()),
    idempotencyKey: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi("CaseEventRecord");
export type CaseEventRecord = z.infer<typeof CaseEventRecord>;

export const Supervision = z
  .object({
    id: z.string(),
    caseId: z.string(),
    step: CaseStep,
    responsibleUnit: z.string(),
    dueAt: z.string(),
    createdAt: z.string(),
    countyCode: z.string(),
  })
  .openapi("Supervision");
export type Supervision = z.infer<typeof Supervision>;

export const CaseArchive = z
  .object({
    case: CaseView,
    events: z.array(CaseEventRecord),
    supervisions: z.array(Supervision),
    exportedAt: z.string(),
  })
  .openapi("CaseArchive");
export type CaseArchive = z.infer<typeof CaseArchive>;

export const ArchiveVerification = z
  .object({
    valid: z.boolean(),
    events: z.number().int(),
    brokenAt: z.number().int().optional(),
    /** Stored files whose bytes no longer match the SHA-256 in the event log (absent or empty: none). */
    mediaMismatches: z.array(MediaMismatch).optional(),
  })
  .openapi("ArchiveVerification");
export type ArchiveVerification = z.infer<typeof ArchiveVerification>;

export const PublicReportAnswer = z.object({ id: z.string(), followToken: z.string() }).openapi("PublicReportAnswer");

/** What a resident sees with their follow token: the progress, not who worked on it. */
export const PublicCaseView = CaseView.pick({
  id: true,
  status: true,
  title: true,
  categoryCode: true,
  createdAt: true,
  updatedAt: true,
  closedAt: true,
  outcome: true,
  rating: true,
})
  .extend({ timeline: z.array(z.object({ at: z.string(), status: CaseStatus, type: z.string() })) })
  .openapi("PublicCaseView");
export type PublicCaseView = z.infer<typeof PublicCaseView>;

/** A provincial platform's push (粤平安, 12345), for the integrations ingress. */
export const PlatformCaseInput = z.object({
  platform: z.string().regex(/^[a-z0-9_-]{2,32}$/),
  orderId: z.string().min(1).max(64),
  categoryCode: CategoryCode,
  divisionCode: z.string().regex(/^\d{12}$/),
  lng: z.number().min(73).max(136).optional(),
  lat: z.number().min(3).max(54).optional(),
  title: z.string().trim().min(2).max(100),
  description: Text(4000),
  reportedAt: Instant,
  requestType: RequestType.optional(),
});
export type PlatformCaseInput = z.infer<typeof PlatformCaseInput>;

/** One closed case awaiting its follow-up (回访), in the worklist `GET /v1/follow-ups`. */
export const FollowUpItem = z
  .object({
    caseId: z.string(),
    title: z.string(),
    categoryCode: z.string(),
    countyCode: z.string(),
    divisionCode: z.string(),
    closedAt: z.string(),
    dueAt: z.string(),
    overdue: z.boolean(),
    attempts: z.number().int(),
    /** False for a reporter without a login (or a worker's report): the follow-up worker calls or visits. */
    hasReporterLogin: z.boolean(),
  })
  .openapi("FollowUpItem");
export type FollowUpItem = z.infer<typeof FollowUpItem>;
export const FollowUpQuery = PageQuery.extend({ overdue: Flag.optional() });
