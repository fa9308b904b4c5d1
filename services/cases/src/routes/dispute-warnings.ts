import { createRoute, z } from "@hono/zod-openapi";
import type { Reference } from "@civicgrid/auth";
import {
  DisputeRelation,
  DisputeStage,
  DivisionCode,
  MediatorKind,
  PageQuery,
  pageOf,
  RiskLevel,
} from "@civicgrid/contracts";
import { assertReferences, authorizeEver, createRouter, decodeCursor, mergedPage, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { shardsFor } from "../read-models";
import { scopeResolver } from "../references";
import { disputesPage, warningsPage, type DisputeRow } from "../store/dispute-lists";

/** A dispute in the lists: where it lies, its stage and risk, the warnings given; never a party. */
const DisputeListItem = z
  .object({
    caseId: z.string(),
    title: z.string(),
    caseStatus: z.string(),
    countyCode: z.string(),
    divisionCode: z.string(),
    gridCode: z.string().nullable(),
    holderDivisionCode: z.string(),
    stage: DisputeStage,
    relation: DisputeRelation,
    riskLevel: RiskLevel,
    /** When the dispute reached its current level. */
    riskSince: z.string(),
    mediatorId: z.string().nullable(),
    mediatorKind: MediatorKind.nullable(),
    threat: z.boolean(),
    violence: z.boolean(),
    countyWarnedAt: z.string().nullable(),
    policeWarnedAt: z.string().nullable(),
    warnedDepartmentIds: z.array(z.string()),
    recordedAt: z.string(),
    updatedAt: z.string(),
  })
  .openapi("DisputeListItem");
type DisputeListItem = z.infer<typeof DisputeListItem>;

const WarningsQuery = PageQuery.extend({
  division: DivisionCode.optional(),
  level: RiskLevel.exclude(["general"]).optional(),
});
const DisputeListQuery = PageQuery.extend({
  division: DivisionCode.optional(),
  grid: z
    .string()
    .regex(/^\d{15}$/, "must be a 15-digit grid code")
    .optional(),
  stage: DisputeStage.optional(),
  risk: RiskLevel.optional(),
  mediator: z
    .string()
    .regex(/^med-[a-z0-9-]{4,60}$/, "must be a mediator id")
    .optional(),
});

function itemOf(row: DisputeRow): DisputeListItem {
  const { open: _open, version: _version, threat, violence, warnedDepartmentIds, ...rest } = row;
  return {
    ...(rest as Omit<DisputeListItem, "threat" | "violence" | "warnedDepartmentIds">),
    threat: threat === 1,
    violence: violence === 1,
    warnedDepartmentIds: warnedDepartmentIds ? (JSON.parse(warnedDepartmentIds) as string[]) : [],
  };
}

/** The page's items, its cursor keyed on the list's order (`at`, then the case id). */
const pageAnswer = (rows: DisputeRow[], limit: number, at: "riskSince" | "recordedAt") =>
  toPage(rows.map(itemOf), limit, (d) => [d[at], d.caseId]);

/** A GET of one page of disputes, answered by `pageOf(DisputeListItem)`. */
const listRoute = <Q extends typeof WarningsQuery | typeof DisputeListQuery>(path: string, summary: string, query: Q) =>
  createRoute({
    method: "get",
    path,
    summary,
    request: { query },
    responses: {
      200: { description: "a page", content: { "application/json": { schema: pageOf(DisputeListItem) } } },
    },
  });

/** The early-warning list per jurisdiction and the dispute list (issue 15 must-have 4; Gansu 二(一)1(2)). */
export const disputeWarningRoutes = createRouter<AppEnv>()
  .openapi(
    listRoute(
      "/v1/disputes/warnings",
      "Open disputes at larger or major risk in your jurisdiction (a department: those it was warned of)",
      WarningsQuery,
    ),
    async (c) => {
      const q = c.req.valid("query");
      const principal = authorizeEver(c, "dispute:warnings");
      const refs: Reference[] = q.division
        ? [{ field: "query.division", kind: "division", id: q.division, action: "dispute:warnings" }]
        : [];
      await assertReferences(c, refs, scopeResolver(c.env));
      const after = decodeCursor(q.cursor, 2);
      const rows = await mergedPage(
        shardsFor(c.env, principal, [q.division]),
        (shard) => warningsPage(c.var.shards.db(shard), principal, q, after),
        (d) => [d.riskSince, d.caseId],
        "desc",
        q.limit + 1,
      );
      return c.json(pageAnswer(rows, q.limit, "riskSince"), 200);
    },
  )
  .openapi(
    listRoute(
      "/v1/disputes",
      "The disputes you may see (agency: its jurisdiction; grid worker: their grids; department: its own)",
      DisputeListQuery,
    ),
    async (c) => {
      const q = c.req.valid("query");
      const principal = authorizeEver(c, "case:read");
      const refs: Reference[] = [];
      if (q.division) refs.push({ field: "query.division", kind: "division", id: q.division, action: "case:read" });
      if (q.grid) refs.push({ field: "query.grid", kind: "grid", id: q.grid, action: "case:read" });
      if (q.mediator) refs.push({ field: "query.mediator", kind: "mediator", id: q.mediator, action: "mediator:read" });
      await assertReferences(c, refs, scopeResolver(c.env));
      const after = decodeCursor(q.cursor, 2);
      const rows = await mergedPage(
        shardsFor(c.env, principal, [q.division, q.grid]),
        (shard) => disputesPage(c.var.shards.db(shard), principal, q, after),
        (d) => [d.recordedAt, d.caseId],
        "desc",
        q.limit + 1,
      );
      return c.json(pageAnswer(rows, q.limit, "recordedAt"), 200);
    },
  );
