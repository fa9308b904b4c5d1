import { AppError, assertVersion, authorize, authorizeEver, createRouter, etagOf } from "@civicgrid/http";
import { MatterCode, MatterDefinition, MatterDefinitionInput } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { nowIso } from "../domain/time";
import { dbOf, runBatch } from "../store/db";
import { definitionOf, definitionRow, insertDefinition, replaceDefinition } from "../store/matter-definitions";
import { cityCode } from "./matter-catalogue";
import { jsonBody, jsonOf, refusals } from "./openapi";

/**
 * A matter's definition in the city's catalogue (Jiangmen 第九条: the city keeps the catalogue): what residents'
 * apps show of it (description, keywords, group), the extra questions a report asks (Open311 attributes), and
 * whether it is listed publicly at all. The integrations service reads it through `admittedMatters`.
 */
export const matterDefinitions = createRouter<AppEnv>();
const Code = z.object({ matterCode: MatterCode });

async function answer<S extends 200 | 201>(c: Context<AppEnv>, matterCode: string, status: S) {
  const row = await definitionRow(dbOf(c.env.DB), matterCode);
  if (!row) throw new AppError("not_found", `matter ${matterCode} has no definition in the catalogue`);
  c.header("etag", etagOf(row.version));
  return c.json(definitionOf(row), status);
}

matterDefinitions.openapi(
  createRoute({
    method: "get",
    path: "/v1/matters/definitions/{matterCode}",
    summary: "A matter's definition in the city's catalogue",
    request: { params: Code },
    responses: { 200: jsonOf(MatterDefinition, "the definition"), ...refusals },
  }),
  async (c) => {
    authorizeEver(c, "matter:read");
    return answer(c, c.req.valid("param").matterCode, 200);
  },
);

matterDefinitions.openapi(
  createRoute({
    method: "put",
    path: "/v1/matters/definitions/{matterCode}",
    summary:
      "Define a matter for residents' apps: description, keywords, group, Open311 attributes, listed (city agency; If-Match to replace)",
    request: { params: Code, ...jsonBody(MatterDefinitionInput) },
    responses: {
      200: jsonOf(MatterDefinition, "the replaced definition"),
      201: jsonOf(MatterDefinition, "the new definition"),
      ...refusals,
    },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const { principal } = authorize(c, "matter:write", { divisionCode: await cityCode(db) });
    const { matterCode } = c.req.valid("param");
    const body = c.req.valid("json");
    const values = {
      matterCode,
      description: body.description,
      keywords: body.keywords,
      groupName: body.group,
      attributes: body.attributes,
      listed: body.listed,
      updatedBy: principal.sub,
      updatedAt: nowIso(),
    };
    const existing = await definitionRow(db, matterCode);
    if (!existing) {
      await runBatch(db, insertDefinition(db, values));
      c.header("location", `/v1/matters/definitions/${matterCode}`);
      return answer(c, matterCode, 201);
    }
    assertVersion(c, existing.version);
    await runBatch(db, replaceDefinition(db, existing, values));
    return answer(c, matterCode, 200);
  },
);
