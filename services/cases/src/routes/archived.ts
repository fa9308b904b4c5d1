import { createRoute, z } from "@hono/zod-openapi";
import { can, type Reference } from "@civicgrid/auth";
import { CaseArchive, CaseId, pageOf } from "@civicgrid/contracts";
import {
  AppError,
  assertReferences,
  authorizeEver,
  createRouter,
  decodeCursor,
  principalOf,
  toPage,
} from "@civicgrid/http";
import { ArchivedCase, ArchivedCaseQuery } from "../archive/contract";
import { readExport } from "../archive/export";
import { archivedPage } from "../archive/list";
import { archivedKey } from "../archive/store";
import { readScope } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { shardsFor } from "../read-models";
import { scopeResolver } from "../references";
import { database } from "../store/db";
import { readModelOf } from "../store/shards";

/** The archived list's filters that name a resource: one outside the caller's jurisdiction is refused (403). */
function archivedReferences(q: ArchivedCaseQuery): Reference[] {
  const refs: Reference[] = [];
  if (q.division) refs.push({ field: "query.division", kind: "division", id: q.division, action: "case:read" });
  if (q.grid) refs.push({ field: "query.grid", kind: "grid", id: q.grid, action: "case:read" });
  return refs;
}

/**
 * Issue 17 archive: the cases moved out of the hot tables, listed from their slim rows, and the export of one
 * (the final view and the full event log as written to R2). `GET /v1/cases/{id}` and `/archive` keep answering
 * for an archived case from its Durable Object, the authority. Mounted before the reads, so that `archived` is
 * not taken for a case id.
 */
export const archivedRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/archived",
      summary: "List the archived cases you may see (closed cases moved out of the hot list), newest closed first",
      request: { query: ArchivedCaseQuery },
      responses: {
        200: {
          description: "a page of archived cases",
          content: { "application/json": { schema: pageOf(ArchivedCase) } },
        },
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const principal = authorizeEver(c, "case:read");
      await assertReferences(c, archivedReferences(query), scopeResolver(c.env));
      const rows = await archivedPage(
        shardsFor(c.env, principal, [query.division, query.grid]),
        c.var.shards,
        principal,
        query,
        decodeCursor(query.cursor, 2),
      );
      return c.json(
        toPage(rows, query.limit, (r) => [r.closedAt, r.id]),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/archive/export",
      summary: "The archived export of a case as stored in R2 (404 while the case is not archived)",
      request: { params: z.object({ id: CaseId }) },
      responses: {
        200: {
          description: "the export as stored; the ETag is the SHA-256 of its bytes",
          content: { "application/json": { schema: CaseArchive } },
        },
      },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const state = await caseStub(c.env, id).snapshot();
      if (!state) throw new AppError("not_found", "no such case");
      const principal = principalOf(c);
      if (!can(principal, "case:read", readScope(state, principal.sub)))
        throw new AppError("forbidden", "this case lies outside your jurisdiction");
      const key = await archivedKey(database(readModelOf(c.env, state.countyCode)), id);
      if (!key) throw new AppError("not_found", "this case is not archived");
      const stored = await readExport(c.env.ARCHIVE, key);
      if (!stored) throw new Error(`the archived export ${key} of ${id} is missing`);
      // Serialised as it was parsed, the body is the stored bytes again, so the ETag is their SHA-256.
      return c.json(JSON.parse(stored.text) as CaseArchive, 200, { etag: `"${stored.sha256}"` });
    },
  );
