import { createRoute } from "@hono/zod-openapi";
import { CaseId, CaseView, CommandBodies, type CommandName } from "@civicgrid/contracts";
import { AppError, createRouter, etagOf, ifMatchVersion, principalOf } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import type { CommandResult } from "../do/case-do";
import type { CaseCommand } from "../domain";
import { caseStub, type AppEnv, type Env } from "../env";

const IDEMPOTENCY_KEY = /^[A-Za-z0-9._:-]{8,128}$/;

/** A refused command as problem+json: 409 names the commands allowed now, 412 carries the current ETag. */
export function raise(result: Exclude<CommandResult, { ok: true }>): never {
  const headers: Record<string, string> = result.currentVersion !== undefined ? { etag: etagOf(result.currentVersion) } : {};
  const extra: Record<string, unknown> = {};
  if (result.allowed) extra.allowed = result.allowed;
  if (result.currentVersion !== undefined) extra.currentVersion = result.currentVersion;
  throw new AppError(result.code, result.detail, { extra, headers });
}

/** Dispatch goes only to departments the roster knows. */
async function assertDepartmentsExist(env: Env, ids: string[]): Promise<void> {
  const found = await Promise.all(ids.map((id) => env.ROSTER.department(id)));
  const missing = ids.filter((_, i) => !found[i]);
  if (missing.length > 0) throw AppError.field("body.leadDepartmentId", `unknown department: ${missing.join(", ")}`, "unprocessable");
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
      responses: { 200: { description: "the case after the command", content: { "application/json": { schema: CaseView } } } },
    }),
    async (c) => {
      const expectedVersion = ifMatchVersion(c);
      const key = c.req.header("idempotency-key") ?? null;
      if (key !== null && !IDEMPOTENCY_KEY.test(key)) throw AppError.field("header.idempotency-key", "8 to 128 characters of A-Z a-z 0-9 . _ : -");
      const command = { name, body: c.req.valid("json") } as CaseCommand;
      if (command.name === "dispatch") await assertDepartmentsExist(c.env, [command.body.leadDepartmentId, ...command.body.assistingDepartmentIds]);
      const result = await caseStub(c.env, c.req.valid("param").id).command(command, principalOf(c), { expectedVersion, idempotencyKey: key });
      if (!result.ok) raise(result);
      c.header("etag", etagOf(result.case.version));
      if (result.replayed) c.header("idempotent-replayed", "true");
      return c.json(result.case, 200);
    },
  );
}
