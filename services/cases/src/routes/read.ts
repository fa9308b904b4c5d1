import { createRoute, z } from "@hono/zod-openapi";
import { can } from "@civicgrid/auth";
import { CaseCommands, CaseId, CaseListQuery, CaseSummary, CaseView, pageOf } from "@civicgrid/contracts";
import {
  AppError,
  assertReferences,
  authorizeEver,
  createRouter,
  decodeCursor,
  mergedPage,
  notModified,
  principalOf,
  sha256Hex,
  toPage,
} from "@civicgrid/http";
import { readScope } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { listReferences, scopeResolver } from "../references";
import { shardsFor } from "../read-models";
import { casesPage } from "../store/case-list";
import { timed } from "../timing";

export const readRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases",
      summary: "List and search the cases you may see (ETag over the page: a poll with If-None-Match gets 304)",
      request: { query: CaseListQuery },
      responses: {
        200: { description: "a page of cases", content: { "application/json": { schema: pageOf(CaseSummary) } } },
        304: { description: "the page is as the ETag named" },
      },
    }),
    async (c) => {
      const query = c.req.valid("query");
      const principal = authorizeEver(c, "case:read");
      await assertReferences(c, listReferences(query), scopeResolver(c.env));
      const after = decodeCursor(query.cursor, 2);
      const rows = await mergedPage(
        shardsFor(c.env, principal, [query.division, query.grid]),
        (shard) => casesPage(c.var.shards.db(shard), principal, query, after),
        (s) => [s.createdAt, s.id],
        "desc",
        query.limit + 1,
      );
      // A screen polls its queue: the same page for the same caller answers 304, without the body.
      const body = JSON.stringify(toPage(rows, query.limit, (s) => [s.createdAt, s.id]));
      if (notModified(c, `"${(await sha256Hex(body)).slice(0, 32)}"`)) return c.body(null, 304);
      return c.body(body, 200, { "content-type": "application/json" }) as never;
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}",
      summary: "One case, from its Durable Object (the authority)",
      request: { params: z.object({ id: CaseId }) },
      responses: {
        200: { description: "the case", content: { "application/json": { schema: CaseView } } },
        304: { description: "unchanged" },
      },
    }),
    async (c) => {
      // The view of the current version as the object keeps it (JSON made once per version), sent as it is.
      const found = await timed(c, "do", caseStub(c.env, c.req.valid("param").id).read());
      if (!found) throw new AppError("not_found", "no such case");
      const principal = principalOf(c);
      if (!can(principal, "case:read", readScope(found.scope, principal.sub)))
        throw new AppError("forbidden", "this case lies outside your jurisdiction");
      if (notModified(c, `"v${found.version}"`)) return c.body(null, 304);
      c.header("content-type", "application/json");
      return c.body(found.json, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/commands",
      summary: "The commands you may run on the case now",
      description:
        "The commands whose status, guards, role and unit all let the caller run them at the case's current version " +
        "(its body is checked only when one is sent). A screen shows exactly these; the ETag is the case's version.",
      request: { params: z.object({ id: CaseId }) },
      responses: {
        200: { description: "the commands allowed now", content: { "application/json": { schema: CaseCommands } } },
      },
    }),
    async (c) => {
      const stub = caseStub(c.env, c.req.valid("param").id);
      const found = await stub.read();
      if (!found) throw new AppError("not_found", "no such case");
      const principal = principalOf(c);
      if (!can(principal, "case:read", readScope(found.scope, principal.sub)))
        throw new AppError("forbidden", "this case lies outside your jurisdiction");
      const commands = await stub.commands(principal);
      if (!commands) throw new AppError("not_found", "no such case");
      c.header("etag", `"v${commands.version}"`);
      return c.json(commands, 200);
    },
  );
