import { createRoute } from "@hono/zod-openapi";
import { CaseId, CaseView, CommandBodies, type CommandName } from "@civicgrid/contracts";
import { AppError, assertReferences, createRouter, etagOf, ifMatchVersion, principalOf } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { setBookmark } from "../bookmark";
import type { CommandResult } from "../do/case-do";
import type { CaseCommand } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { commandReferences, scopeResolver } from "../references";
import { phaseMetrics, timed } from "../timing";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** The request's Idempotency-Key (kept by the case's DO with the command's effect), or null when none was sent. */
export function idempotencyKeyOf(c: Context): string | null {
  const key = c.req.header("idempotency-key") ?? null;
  if (key !== null && !IDEMPOTENCY_KEY.test(key)) {
    throw AppError.field("header.idempotency-key", "8 to 128 characters of A-Z a-z 0-9 . _ : -");
  }
  return key;
}

/** A refused command as problem+json: 409 names the commands allowed now, 412 carries the current ETag. */
export function raise(result: Exclude<CommandResult, { ok: true }>): never {
  const headers: Record<string, string> =
    result.currentVersion !== undefined ? { etag: etagOf(result.currentVersion) } : {};
  const extra: Record<string, unknown> = {};
  if (result.allowed) extra.allowed = result.allowed;
  if (result.currentVersion !== undefined) extra.currentVersion = result.currentVersion;
  throw new AppError(result.code, result.detail, { extra, headers });
}

/** One POST route per command of the state machine: `/v1/cases/{id}/<command>`, If-Match required. */
export const commandRoutes = createRouter<AppEnv>();

for (const name of Object.keys(CommandBodies) as CommandName[]) {
  commandRoutes.openapi(
    createRoute({
      method: "post",
      path: `/v1/cases/{id}/${name}`,
      summary: `Case command: ${name}`,
      request: {
        params: z.object({ id: CaseId }),
        headers: z.object({ "if-match": z.string().optional(), "idempotency-key": z.string().optional() }),
        body: { content: { "application/json": { schema: CommandBodies[name] } } },
      },
      responses: {
        200: { description: "the case after the command", content: { "application/json": { schema: CaseView } } },
      },
    }),
    async (c) => {
      const expectedVersion = ifMatchVersion(c);
      const key = idempotencyKeyOf(c);
      const command = { name, body: c.req.valid("json") } as CaseCommand;
      // Every department dispatched to and every case merged into must exist and be within the caller's reach.
      await timed(c, "refs", assertReferences(c, commandReferences(command), scopeResolver(c.env)));
      const options = { expectedVersion, idempotencyKey: key };
      const stub = caseStub(c.env, c.req.valid("param").id);
      const result = await timed(c, "do", stub.command(command, principalOf(c), options));
      if (!result.ok) raise(result);
      phaseMetrics(c, result.phases);
      setBookmark(c, result.case.countyCode, result.bookmark);
      c.header("etag", etagOf(result.case.version));
      if (result.replayed) c.header("idempotent-replayed", "true");
      return c.json(result.case, 200);
    },
  );
}
