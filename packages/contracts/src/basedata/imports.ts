import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";

/**
 * Ledger imports (台账导入, issue item 11): an agency uploads a CSV or XLSX file of addresses, houses, people or
 * units as its counties keep them. The whole file is validated before anything is written (a bad row rejects it,
 * the report names row and column); a valid file is applied chunk by chunk, each chunk whole or not at all, so a
 * failure leaves the chunks before it applied and the import resumes from the failed one.
 */
export const ImportKind = z.enum(["addresses", "houses", "people", "units"]);
export type ImportKind = z.infer<typeof ImportKind>;

export const ImportStatus = z.enum(["validating", "rejected", "applying", "applied", "failed"]);
export type ImportStatus = z.infer<typeof ImportStatus>;

/** One finding of the validation (or the failure of a chunk): row 1 is the first data row, 0 the header. */
export const ImportError = z
  .object({ row: z.number().int().min(0), field: z.string(), message: z.string() })
  .openapi("BaseDataImportError");
export type ImportError = z.infer<typeof ImportError>;

export const ImportId = z.string().regex(/^im-[0-9a-z]{20,40}$/, "must be an import id like im-…");

export const Import = z
  .object({
    id: ImportId,
    kind: ImportKind,
    divisionCode: DivisionCode,
    fileName: z.string(),
    format: z.enum(["csv", "xlsx"]),
    status: ImportStatus,
    /** Data rows in the file (known once validated). */
    rows: z.number().int(),
    appliedRows: z.number().int(),
    chunks: z.number().int(),
    appliedChunks: z.number().int(),
    errorCount: z.number().int(),
    /** The first errors (at most 1000 are kept), in row order. */
    errors: z.array(ImportError),
    createdBy: z.string(),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
  })
  .openapi("BaseDataImport");
export type Import = z.infer<typeof Import>;

/** The largest ledger file accepted (the gateway must let this path's body through). */
export const IMPORT_MAX_BYTES = 50 * 1024 * 1024;
