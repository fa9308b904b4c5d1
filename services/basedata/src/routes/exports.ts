import { createRoute, z } from "@hono/zod-openapi";
import { DivisionCode, divisionPrefix, ExportRecord, NewExport, PageQuery, pageOf } from "@civicgrid/contracts";
import { authorize, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import { exportHeading } from "../domain/export-csv";
import type { AppEnv } from "../env";
import { exportFile } from "../export-file";
import { exportLog, exportRows, logExport } from "../store/exports";
import { villagesUnder } from "../store/villages";

export const exportRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

exportRoutes.openapi(
  createRoute({
    method: "post",
    path: "/v1/basedata/exports",
    summary:
      "Export a division's addresses, houses, people or units as CSV (UTF-8 with BOM): personal data masked, no tags, " +
      "a purpose required; every export is logged with who, when, what and why",
    request: { body: json(NewExport) },
    responses: {
      200: {
        description: "the file (its first line says who took it, when and why)",
        content: { "text/csv": { schema: z.string() } },
      },
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const { principal } = authorize(c, "basedata:export", { divisionCode: body.divisionCode });
    const villages = (await villagesUnder(c.env.DB, divisionPrefix(body.divisionCode))).map((v) => v.code);
    const at = new Date().toISOString();
    const id = `ex-${crypto.randomUUID()}`;
    const record = { id, ...body, rows: 0, bySub: principal.sub, at };
    // Logged before the first row leaves (an export that cannot be logged is not answered); its rows when complete.
    await logExport(c.env.DB, record);
    const heading = exportHeading({ id, ...body, by: principal.sub, at });
    const file = exportFile(c.env, { kind: body.kind, villages, heading }, (rows) => exportRows(c.env.DB, id, rows));
    return c.body(file, 200, {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="basedata-${body.kind}-${body.divisionCode}-${at.slice(0, 10)}.csv"`,
      "x-export-id": id,
    });
  },
);

exportRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/exports",
    summary: "The export log of a division and everything inside it: who took what, when, why and how many rows",
    request: { query: PageQuery.extend({ divisionCode: DivisionCode }) },
    responses: { 200: { description: "a page, newest first", ...json(pageOf(ExportRecord)) } },
  }),
  async (c) => {
    const q = c.req.valid("query");
    authorize(c, "basedata:export", { divisionCode: q.divisionCode });
    const before = decodeCursor(q.cursor, 2)?.map(String) as [string, string] | undefined;
    const rows = await exportLog(c.env.DB, divisionPrefix(q.divisionCode), {
      ...(before ? { before } : {}),
      limit: q.limit + 1,
    });
    return c.json(
      toPage(rows, q.limit, (r) => [r.at, r.id]),
      200,
    );
  },
);
