import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { CampaignId } from "../disputes/campaigns";
import { PageQuery } from "../pagination";
import { VisitId } from "./ids";
import { TagKindCode } from "./tag-kinds";

/**
 * Home visits (走访, Gansu 二(一)2; Jiangmen 第十一条(二)): a grid worker visits a person, a house or a unit at a
 * place inside a grid they serve; needs found may open cases; plans derived from tags say who is due.
 */
export const VisitTargetKind = z.enum(["person", "house", "unit"]);
export type VisitTargetKind = z.infer<typeof VisitTargetKind>;

const GridCode = z.string().regex(/^\d{15}$/, "must be a 15-digit grid code");
const RecordId = z.string().regex(/^(pe|ho|un)-\d{12}-\d{6,9}$/, "must be a person, house or unit id");
const CategoryCode = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, "letters, digits, . _ - (1 to 32)");

export const VisitNeedInput = z.object({
  text: z.string().trim().min(1).max(500),
  /** A need the worker cannot meet on the spot becomes a case (事件), with the visit linked. */
  openCase: z
    .object({
      title: z.string().trim().min(2).max(100),
      categoryCode: CategoryCode,
      description: z.string().trim().min(1).max(4000).optional(),
    })
    .optional(),
});

export const NewVisit = z
  .object({
    targetKind: VisitTargetKind,
    targetId: RecordId,
    /** When the visit took place; workers sync later, so up to 7 days back, never in the future. */
    visitedAt: z.iso.datetime({ offset: true }),
    lng: z.number().min(73).max(136),
    lat: z.number().min(3).max(54),
    outcome: z.string().trim().min(1).max(2000),
    needs: z.array(VisitNeedInput).max(20).default([]),
    /** The tag the visit fulfils (a planned visit to someone under 社区矫正, say). */
    tagKind: TagKindCode.optional(),
    /** The 排查 campaign this visit screens for (a house or unit of one of its grids, within its period). */
    campaignId: CampaignId.optional(),
  })
  .openapi("NewVisit");
export type NewVisit = z.infer<typeof NewVisit>;

export const VisitNeed = VisitNeedInput.extend({
  /** The case the need opened, once the cases service answered. */
  caseId: z.string().nullable(),
  /** Why the cases service refused to open it (a forbidden matter, a grid no longer served), if it did. */
  caseRefusal: z.string().nullable().optional(),
});
export type VisitNeed = z.infer<typeof VisitNeed>;

export const Visit = z
  .object({
    id: VisitId,
    villageCode: DivisionCode,
    gridCode: GridCode,
    workerSub: z.string(),
    targetKind: VisitTargetKind,
    targetId: z.string(),
    visitedAt: z.string(),
    lng: z.number(),
    lat: z.number(),
    outcome: z.string(),
    needs: z.array(VisitNeed),
    /** Null when there is none, or when it is a sensitive group the reader may not see (PIPL art. 28). */
    tagKind: TagKindCode.nullable(),
    /** The 排查 campaign the visit screened for, if any. */
    campaignId: CampaignId.nullable().optional(),
    createdAt: z.string(),
  })
  .openapi("Visit");
export type Visit = z.infer<typeof Visit>;

const Instant = z.iso.datetime({ offset: true });
export const VisitQuery = PageQuery.extend({
  villageCode: DivisionCode.optional(),
  gridCode: GridCode.optional(),
  targetId: RecordId.optional(),
  from: Instant.optional(),
  to: Instant.optional(),
});
export type VisitQuery = z.infer<typeof VisitQuery>;

export const VisitStatus = z.enum(["ok", "due", "overdue"]);
export type VisitStatus = z.infer<typeof VisitStatus>;

/** One tagged person's next visit, as a worker of their grid sees it (name masked). */
export const VisitPlanEntry = z.object({
  personId: z.string(),
  name: z.string(),
  gridCode: GridCode,
  tagKind: TagKindCode,
  /** Asia/Shanghai day of the last visit, or null when there was none since the tag started. */
  lastVisitOn: z.string().nullable(),
  dueOn: z.string(),
  status: VisitStatus,
});
export type VisitPlanEntry = z.infer<typeof VisitPlanEntry>;

export const VisitPlanCount = z.object({
  gridCode: GridCode,
  tagKind: TagKindCode,
  ok: z.number().int(),
  due: z.number().int(),
  overdue: z.number().int(),
});
export type VisitPlanCount = z.infer<typeof VisitPlanCount>;

export const VisitPlan = z
  .object({
    /** The Asia/Shanghai day the plan is computed for. */
    on: z.string(),
    counts: z.array(VisitPlanCount),
    entries: z.array(VisitPlanEntry),
  })
  .openapi("VisitPlan");
export type VisitPlan = z.infer<typeof VisitPlan>;

export const VisitPlanQuery = z.object({ gridCode: GridCode.optional(), villageCode: DivisionCode.optional() });

/** `basedata.visit.recorded` (to assessments): who visited where, never whom. */
export const VisitRecordedData = z.object({
  visitId: z.string(),
  workerSub: z.string(),
  gridCode: GridCode,
  villageCode: DivisionCode,
  targetKind: VisitTargetKind,
  tagKind: TagKindCode.nullable(),
  visitedAt: z.string(),
});
export type VisitRecordedData = z.infer<typeof VisitRecordedData>;

/** `basedata.visit.reminder` (to notifications): a grid's visits due and overdue on a day, counts only. */
export const VisitReminderData = z.object({
  gridCode: GridCode,
  villageCode: DivisionCode,
  day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  due: z.number().int().min(0),
  overdue: z.number().int().min(0),
});
export type VisitReminderData = z.infer<typeof VisitReminderData>;

/** `basedata.submission.approved` (to assessments): verified collection, credited to who submitted it. */
export const SubmissionApprovedData = z.object({
  submissionId: z.string(),
  kind: z.string(),
  recordId: z.string().nullable(),
  gridCode: z.string().nullable(),
  submittedBy: z.string(),
});
export type SubmissionApprovedData = z.infer<typeof SubmissionApprovedData>;
