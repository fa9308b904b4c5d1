import { z } from "@hono/zod-openapi";
import { CaseListQuery, CaseStatus, PageQuery } from "@civicgrid/contracts";

const Instant = z.iso.datetime({ offset: true });

/** The slim row an archived case leaves in the read model (issue 17): enough to find it and fetch its export. */
export const ArchivedCase = z
  .object({
    id: z.string(),
    version: z.number().int(),
    title: z.string(),
    countyCode: z.string(),
    townshipCode: z.string().nullable(),
    villageCode: z.string().nullable(),
    gridCode: z.string().nullable(),
    categoryCode: z.string(),
    status: CaseStatus,
    leadDepartmentId: z.string().nullable(),
    openedAt: z.string(),
    closedAt: z.string(),
    archivedAt: z.string(),
    /** The R2 key of the export (bucket civicgrid-case-archive); `GET /v1/cases/{id}/archive/export` returns it. */
    archiveKey: z.string(),
    /** SHA-256 (hex) of the export's bytes. */
    sha256: z.string(),
  })
  .openapi("ArchivedCase");
export type ArchivedCase = z.infer<typeof ArchivedCase>;

/** Filters of the archived list, named as the hot list's are (`division`, `grid`, `category`), newest closed first. */
export const ArchivedCaseQuery = PageQuery.extend({
  ...CaseListQuery.pick({ division: true, grid: true, category: true }).shape,
  /** Closed at or after this instant. */
  closedFrom: Instant.optional(),
  /** Closed before this instant. */
  closedTo: Instant.optional(),
});
export type ArchivedCaseQuery = z.infer<typeof ArchivedCaseQuery>;
