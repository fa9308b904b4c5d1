import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, CaseView, DisputeCommandBodies, type DisputeCommandName } from "@civicgrid/contracts";
import { createRouter, etagOf, ifMatchVersion, principalOf } from "@civicgrid/http";
import { DISPUTE_COMMANDS } from "../domain/dispute";
import { readableState } from "../disputes/case-state";
import { prepareDispute } from "../disputes/context";
import { caseStub, type AppEnv } from "../env";
import { idempotencyKeyOf, raise } from "./commands";

/**
 * One POST route per dispute command (矛盾纠纷, see domain/dispute/lifecycle.ts): `/v1/cases/{id}/dispute/<command>`,
 * If-Match required and Idempotency-Key kept as for the case loop's commands.
 */
export const disputeRoutes = createRouter<AppEnv>();

for (const name of DISPUTE_COMMANDS) {
  disputeRoutes.openapi(
    createRoute({
      method: "post",
      path: `/v1/cases/{id}/dispute/${name}`,
      summary: `Dispute command: ${name}`,
      request: {
        params: z.object({ id: CaseId }),
        headers: z.object({ "if-match": z.string().optional(), "idempotency-key": z.string().optional() }),
        body: { content: { "application/json": { schema: DisputeCommandBodies[name as DisputeCommandName] } } },
      },
      responses: {
        200: { description: "the case after the command", content: { "application/json": { schema: CaseView } } },
      },
    }),
    async (c) => {
      const expectedVersion = ifMatchVersion(c);
      const key = idempotencyKeyOf(c);
      const id = c.req.valid("param").id;
      const state = await readableState(c, id);
      const { command, context } = await prepareDispute(c.env, state, name, c.req.valid("json"));
      const options = { expectedVersion, idempotencyKey: key };
      const result = await caseStub(c.env, id).disputeCommand(command, principalOf(c), context, options);
      if (!result.ok) raise(result);
      c.header("etag", etagOf(result.case.version));
      if (result.replayed) c.header("idempotent-replayed", "true");
      return c.json(result.case, 200);
    },
  );
}
