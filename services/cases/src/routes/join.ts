import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, CommandBodies, PublicReportAnswer } from "@civicgrid/contracts";
import { createRouter, sha256Hex } from "@civicgrid/http";
import { newFollowToken } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { raise } from "./commands";

/**
 * +1 without a login (issue 16): a resident adds themselves to an open case instead of filing a duplicate, as the
 * public report does (no login, no contact kept; the gateway rate-limits it), and gets a follow token of their own
 * to follow and rate the case. The signed-in +1 is the case command `POST /v1/cases/{id}/join`.
 */
export const joinRoutes = createRouter<AppEnv>().openapi(
  createRoute({
    method: "post",
    path: "/v1/public/cases/{id}/join",
    summary: "A resident without a login joins an open case (+1); the answer carries their follow token (shown once)",
    request: {
      params: z.object({ id: CaseId }),
      body: { content: { "application/json": { schema: CommandBodies.join } } },
    },
    responses: {
      200: {
        description: "the case id and the joiner's follow token",
        content: { "application/json": { schema: PublicReportAnswer } },
      },
    },
  }),
  async (c) => {
    const id = c.req.valid("param").id;
    const followToken = newFollowToken();
    const result = await caseStub(c.env, id).joinWithToken(await sha256Hex(followToken), c.req.valid("json").note);
    if (!result.ok) raise(result);
    return c.json({ id, followToken }, 200);
  },
);
