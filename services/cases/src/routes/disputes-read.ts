import { createRoute, z } from "@hono/zod-openapi";
import { CaseId } from "@civicgrid/contracts";
import { AppError, createRouter, principalOf } from "@civicgrid/http";
import { decrypt } from "@civicgrid/http/pii";
import { actorFor, writeScope } from "../domain";
import { logIdentityRead } from "../disputes/access-log";
import { countyShard } from "../read-models";
import { agreementHtml } from "../disputes/agreement-html";
import { readableDispute } from "../disputes/case-state";
import { disputeKeys, type SealedIdentity } from "../disputes/pii";
import type { AppEnv } from "../env";

const PartyIdentity = z
  .object({
    index: z.number().int(),
    role: z.enum(["applicant", "respondent", "other"]),
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
    address: z.string().nullable(),
    purpose: z.string(),
    readAt: z.string(),
  })
  .openapi("DisputePartyIdentity");

/** The dispute's printable agreement, and the audited read of a named party's identity (PIPL art. 28, 第三十五条). */
export const disputeReadRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/dispute/agreement",
      summary: "The dispute's current mediation agreement (人民调解协议书) as a printable page, parties masked",
      request: { params: z.object({ id: CaseId }) },
      responses: {
        200: { description: "HTML", content: { "text/html": { schema: z.string() } } },
      },
    }),
    async (c) => {
      const state = await readableDispute(c, c.req.valid("param").id);
      if (!state.dispute.agreement) throw new AppError("not_found", "this dispute has no current agreement");
      return c.html(await agreementHtml(state), 200);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/cases/{id}/dispute/parties/{index}/identity",
      summary: "Reads a named party's identity unmasked, for a stated purpose (audited; the case's handlers only)",
      request: {
        params: z.object({
          id: CaseId,
          // A string in the document (a path parameter is required and typed as sent), a number once validated.
          index: z
            .string()
            .regex(/^(1?\d)$/, "a party's index, 0 to 19")
            .transform(Number)
            .openapi({ param: { required: true }, example: "1" }),
        }),
        body: { content: { "application/json": { schema: z.object({ purpose: z.string().trim().min(4).max(500) }) } } },
      },
      responses: {
        200: { description: "the identity", content: { "application/json": { schema: PartyIdentity } } },
      },
    }),
    async (c) => {
      const { id, index } = c.req.valid("param");
      const state = await readableDispute(c, id);
      // Only the case's handlers (its write scope): an assisting department, or anyone who merely reads, may not.
      const actor = actorFor(principalOf(c), "dispute:read-pii", writeScope(state));
      if (!actor) throw new AppError("forbidden", "only the case's handlers may read a party's identity");
      const party = state.dispute.parties[index];
      if (!party)
        throw AppError.field("path.index", `the dispute has ${state.dispute.parties.length} parties`, "not_found");
      if (party.kind !== "named" || !party.sealed)
        throw new AppError(
          "conflict",
          `party ${index} is the base-data ${party.kind} ${party.ref}: read their identity in base data, with its audited read`,
        );
      const identity = JSON.parse(await decrypt(await disputeKeys(c.env), party.sealed)) as SealedIdentity;
      const { purpose } = c.req.valid("json");
      const at = new Date();
      await logIdentityRead(c.var.shards.db(countyShard(c.env, state.countyCode, "path.id"), "write"), {
        caseId: id,
        partyIndex: index,
        countyCode: state.countyCode,
        purpose,
        actor,
        at,
      });
      return c.json({ index, role: party.role, ...identity, purpose, readAt: at.toISOString() }, 200);
    },
  );
