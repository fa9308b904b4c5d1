import { z } from "@hono/zod-openapi";
import { CasePriority } from "./case-events";
import { divisionLevel } from "./division";
import { PageQuery } from "./pagination";

/**
 * Hotspots (未诉先办, issue 16 item 8): places where the same matter keeps being reported. The monthly analysis
 * proposes each as a proactive work order, which an agency issues in one step or dismisses with a reason.
 */

/** The recurrence rule: the same matter `minCount` times within `radiusMeters` inside `windowDays`. */
export const HOTSPOT_RULE = { radiusMeters: 100, minCount: 3, windowDays: 30 } as const;

export const HotspotId = z
  .string()
  .regex(/^hs-\d{6}-\d{12}-\d{1,4}$/, "must be a hotspot id like hs-202611-440703000000-1")
  .openapi({ example: "hs-202611-440703000000-1" });

/** An Asia/Shanghai calendar month, YYYY-MM. */
export const HotspotMonth = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month like 2026-11")
  .openapi({ example: "2026-11" });

export const HotspotCounty = z
  .string()
  .regex(/^\d{12}$/, { message: "must be a 12-digit division code", abort: true })
  .refine((code) => divisionLevel(code) === "county", "must be a county (区县) code like 440703000000")
  .openapi({ example: "440703000000" });

export const HotspotStatus = z.enum(["proposed", "issued", "dismissed"]);
export type HotspotStatus = z.infer<typeof HotspotStatus>;

export const Hotspot = z
  .object({
    id: HotspotId,
    countyCode: z.string(),
    month: z.string(),
    categoryCode: z.string(),
    /** The centre of the cases (their mean point, WGS-84) and the distance from it to the farthest one, in metres. */
    lng: z.number(),
    lat: z.number(),
    radiusMeters: z.number().int(),
    /** The grid most of the cases lie in: the work order goes to its workers. */
    gridCode: z.string(),
    villageCode: z.string(),
    caseIds: z.array(z.string()),
    count: z.number().int(),
    /** The first and last report of the cluster (at most `windowDays` apart). */
    firstAt: z.string(),
    lastAt: z.string(),
    status: HotspotStatus,
    /** The proactive work order's case once issued. */
    caseId: z.string().nullable(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    dismissReason: z.string().nullable(),
    createdAt: z.string(),
  })
  .openapi("Hotspot");
export type Hotspot = z.infer<typeof Hotspot>;

export const HotspotListQuery = PageQuery.extend({ countyCode: HotspotCounty, status: HotspotStatus.optional() });

export const AnalyseHotspotsBody = z
  .object({
    countyCode: HotspotCounty,
    /** The month to analyse; the month before the current one when absent. */
    month: HotspotMonth.optional(),
  })
  .openapi("AnalyseHotspotsBody");

export const HotspotRun = z
  .object({
    countyCode: z.string(),
    month: z.string(),
    /** False while the month had not ended at the last run: a later run adds what recurred since. */
    complete: z.boolean(),
    analysedAt: z.string(),
    hotspots: z.array(Hotspot),
  })
  .openapi("HotspotRun");
export type HotspotRun = z.infer<typeof HotspotRun>;

export const IssueHotspotBody = z
  .object({
    action: z.enum(["check", "act"]).default("act"),
    priority: CasePriority.default("normal"),
  })
  .openapi("IssueHotspotBody");

export const DismissHotspotBody = z.object({ reason: z.string().trim().min(2).max(500) }).openapi("DismissHotspotBody");
