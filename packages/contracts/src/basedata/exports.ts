import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";

/**
 * Exports of base data (the item 9): a CSV with personal data masked and no tags at all, taken only with a
 * stated purpose (PIPL art. 6: a clear and reasonable purpose) and logged with who and when.
 */
export const ExportKind = z.enum(["people", "houses", "units", "addresses"]);
export type ExportKind = z.infer<typeof ExportKind>;

export const NewExport = z
  .object({
    kind: ExportKind,
    divisionCode: DivisionCode,
    purpose: z.string().trim().min(4, "say what the export is for (at least 4 characters)").max(200),
  })
  .openapi("NewBaseDataExport");
export type NewExport = z.infer<typeof NewExport>;

export const ExportRecord = z
  .object({
    id: z.string(),
    kind: ExportKind,
    divisionCode: DivisionCode,
    purpose: z.string(),
    rows: z.number().int(),
    bySub: z.string(),
    at: z.string(),
  })
  .openapi("BaseDataExportRecord");
export type ExportRecord = z.infer<typeof ExportRecord>;
