import { createRoute, z } from "@hono/zod-openapi";
import { can } from "@civicgrid/auth";
import { ArchiveVerification, CaseArchive, CaseId } from "@civicgrid/contracts";
import { AppError, createRouter, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { readScope } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { archiveHtml } from "./archive-html";

const params = z.object({ id: CaseId });

/** The case's DO, once the caller may read the case. */
async function readableCase(c: Context<AppEnv>, id: string) {
  const stub = caseStub(c.env, id);
  const state = await stub.snapshot();
  if (!state) throw new AppError("not_found", "no such case");
  if (!can(principalOf(c), "case:read", readScope(state)))
    throw new AppError("forbidden", "this case lies outside your jurisdiction");
  return stub;
}

async function archiveOf(c: Context<AppEnv>, id: string): Promise<CaseArchive> {
  const archive = await (await readableCase(c, id)).archive();
  if (!archive) throw new AppError("not_found", "no such case");
  return archive;
}

export const archiveRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/archive",
      summary: "电子档案: the complete history of a case",
      request: { params },
      responses: { 200: { description: "the archive", content: { "application/json": { schema: CaseArchive } } } },
    }),
    async (c) => c.json(await archiveOf(c, c.req.valid("param").id), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/archive.html",
      summary: "The archive as a printable page",
      request: { params },
      responses: { 200: { description: "HTML", content: { "text/html": { schema: z.string() } } } },
    }),
    async (c) => c.html(archiveHtml(await archiveOf(c, c.req.valid("param").id)), 200),
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/archive/verify",
      summary: "Checks the hash chain of the event log",
      request: { params },
      responses: {
        200: { description: "the verdict", content: { "application/json": { schema: ArchiveVerification } } },
      },
    }),
    async (c) => c.json(await (await readableCase(c, c.req.valid("param").id)).verify(), 200),
  );
