import { createRoute, z } from "@hono/zod-openapi";
import { divisionLevel, DivisionCode, Import, ImportId, ImportKind, pageOf, PageQuery } from "@civicgrid/contracts";
import { AppError, authorize, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { formatOf, storeUpload } from "../imports/upload";
import type { ImportMessage } from "../queue/imports";
import { createImport, importByKey, importRow, importView, listImports, markResumed } from "../store/imports";
import { timedId } from "../timed-id";

export const importRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const file = { schema: z.string().openapi({ format: "binary" }) };

/** The division a ledger goes to: one village, or a township whose rows name their village. */
function divisionOf(q: { villageCode?: string | undefined; townshipCode?: string | undefined }): string {
  if ((q.villageCode === undefined) === (q.townshipCode === undefined))
    throw AppError.field("query.villageCode", "name either villageCode or townshipCode");
  if (q.villageCode !== undefined && divisionLevel(q.villageCode) !== "village")
    throw AppError.field("query.villageCode", "must be a village (村/社区) code");
  if (q.townshipCode !== undefined && divisionLevel(q.townshipCode) !== "township")
    throw AppError.field("query.townshipCode", "must be a township (乡镇/街道) code");
  return (q.villageCode ?? q.townshipCode)!;
}

importRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/imports",
    summary:
      "Import a ledger (台账导入) of addresses, houses, people or units: validated whole, then applied in chunks (202)",
    request: {
      query: z.object({
        kind: ImportKind,
        villageCode: DivisionCode.optional(),
        townshipCode: DivisionCode.optional(),
        fileName: z.string().trim().min(1).max(200).optional(),
      }),
      body: {
        content: { "text/csv": file, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": file },
      },
    },
    responses: { 202: { description: "accepted: validating; follow Location", ...json(Import) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const division = divisionOf(q);
    authorize(c, "basedata:import", { divisionCode: division });
    const format = formatOf(c.req.header("content-type"));
    // A retried upload (same caller, same Idempotency-Key) answers the import it created; the file is not read again.
    const idemKey = c.req.header("idempotency-key") ?? null;
    if (idemKey !== null && !/^[A-Za-z0-9._:-]{8,128}$/.test(idemKey))
      throw AppError.field("header.idempotency-key", "8 to 128 characters of A-Z a-z 0-9 . _ : -");
    const earlier = idemKey ? await importByKey(c.env.DB, principalOf(c).sub, idemKey) : undefined;
    if (earlier) {
      c.header("location", `/v1/basedata/imports/${earlier.id}`);
      return c.json(await importView(c.env.DB, earlier), 202);
    }
    const id = timedId("im");
    await storeUpload(c.env.IMPORTS, id, c.req.raw);
    const fileName = q.fileName ?? `ledger.${format}`;
    const row = await createImport(
      c.env.DB,
      { id, kind: q.kind, divisionCode: division, fileName, format, createdBy: principalOf(c).sub, idemKey },
      new Date(),
    );
    await c.env.IMPORT_QUEUE.send({ type: "validate", importId: id } satisfies ImportMessage);
    c.header("location", `/v1/basedata/imports/${id}`);
    return c.json(await importView(c.env.DB, row), 202);
  },
);

importRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/imports",
    summary: "The imports of a division and the divisions under it, newest first",
    request: { query: PageQuery.extend({ divisionCode: DivisionCode }) },
    responses: { 200: { description: "a page", ...json(pageOf(Import)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    authorize(c, "basedata:import", { divisionCode: q.divisionCode });
    const before = decodeCursor(q.cursor, 1)?.[0];
    const rows = await listImports(
      c.env.DB,
      q.divisionCode,
      q.limit + 1,
      before === undefined ? undefined : String(before),
    );
    const items = await Promise.all(rows.map((r) => importView(c.env.DB, r)));
    return c.json(
      toPage(items, q.limit, (i) => [i.id]),
      200,
    );
  },
);

const IdParam = z.object({ id: ImportId });

/** The import a path names, refused unless the caller may import in its division. */
async function importOf(c: Parameters<Parameters<typeof importRoutes.openapi>[1]>[0], id: string) {
  const row = await importRow(c.env.DB, id);
  if (!row) throw new AppError("not_found", `no import ${id}`);
  authorize(c, "basedata:import", { divisionCode: row.divisionCode });
  return row;
}

importRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/imports/{id}",
    summary: "An import: its status, rows and chunks applied, and the first errors with row and column",
    request: { params: IdParam },
    responses: { 200: { description: "the import", ...json(Import) } },
  }),
  async (c) => c.json(await importView(c.env.DB, await importOf(c, c.req.valid("param").id)), 200),
);

importRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/imports/{id}/resume",
    summary: "Resume a failed import from the chunk that failed (the chunks before it stay applied)",
    request: { params: IdParam },
    responses: { 202: { description: "applying again", ...json(Import) } },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    await importOf(c, id);
    const chunk = await markResumed(c.env.DB, id);
    if (chunk === null) throw new AppError("invalid_transition", "only a failed import resumes");
    await c.env.IMPORT_QUEUE.send({ type: "chunk", importId: id, chunk } satisfies ImportMessage);
    c.header("location", `/v1/basedata/imports/${id}`);
    return c.json(await importView(c.env.DB, (await importRow(c.env.DB, id))!), 202);
  },
);
