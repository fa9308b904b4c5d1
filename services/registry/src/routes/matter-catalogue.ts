import { AppError, assertVersion, authorize, authorizeEver, createRouter, etagOf } from "@civicgrid/http";
import {
  MatterAdmissionQuery,
  MatterAdmissionSchema,
  MatterCategory,
  MatterCategoryPatch,
  MatterCode,
  NewMatterCategory,
} from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { nowIso, shanghaiToday } from "../domain/time";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { dbOf, runBatch, type Db } from "../store/db";
import { addCategory, category, cityOnFile, updateCategory } from "../store/matter-catalogue";
import { matterAdmission } from "../store/matters";
import { flushAfter } from "../store/outbox";
import { jsonBody, jsonOf, refusals } from "./openapi";

export const matterCatalogue = createRouter<AppEnv>();
const Versioned = MatterCategory.extend({ version: z.number().int() });

/** The catalogue is the city's (Jiangmen 第九条): only an agency whose jurisdiction holds the city writes it. */
export async function cityCode(db: Db): Promise<string> {
  const city = await cityOnFile(db);
  if (!city) throw new AppError("conflict", "no city is on file; the catalogue belongs to one");
  return city;
}

async function found(db: Db, code: string) {
  const row = await category(db, code);
  if (!row) throw new AppError("not_found", `no matter category ${code}`);
  return row;
}

async function answer<S extends 200 | 201>(c: Context<AppEnv>, code: string, status: S) {
  const { code: _, name, parentCode, description, version } = await found(dbOf(c.env.DB), code);
  c.header("etag", etagOf(version));
  return c.json({ code, name, parentCode, description, version }, status);
}

matterCatalogue.openapi(
  createRoute({
    method: "post",
    path: "/v1/matters/categories",
    summary: "Add a category to the city's catalogue",
    request: jsonBody(NewMatterCategory),
    responses: { 201: jsonOf(Versioned, "the category"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    authorize(c, "matter:write", { divisionCode: await cityCode(db) });
    const body = c.req.valid("json");
    await assertNamed(c, [ref("body.parentCode", "matter", body.parentCode ?? undefined, "matter:read")]);
    const row = {
      code: body.code,
      name: body.name,
      parentCode: body.parentCode,
      description: body.description,
      updatedAt: nowIso(),
    };
    await runBatch(db, addCategory(db, row));
    await flushAfter(db, c.env);
    return answer(c, body.code, 201);
  },
);

matterCatalogue.openapi(
  createRoute({
    method: "patch",
    path: "/v1/matters/categories/{code}",
    summary: "Rename or describe a category (If-Match required)",
    request: { params: z.object({ code: MatterCode }), ...jsonBody(MatterCategoryPatch) },
    responses: { 200: jsonOf(Versioned, "the category"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    authorize(c, "matter:write", { divisionCode: await cityCode(db) });
    const { code } = c.req.valid("param");
    const patch = c.req.valid("json");
    const row = await found(db, code);
    assertVersion(c, row.version);
    const changed = {
      name: patch.name ?? row.name,
      description: patch.description ?? row.description,
      updatedAt: nowIso(),
    };
    await runBatch(db, updateCategory(db, row, changed));
    await flushAfter(db, c.env);
    return answer(c, code, 200);
  },
);

matterCatalogue.openapi(
  createRoute({
    method: "get",
    path: "/v1/matters/admission",
    summary: "Is matter M admitted in county C on date D, and with which limits (the RPC matterAdmission over HTTP)",
    request: { query: MatterAdmissionQuery },
    responses: { 200: jsonOf(MatterAdmissionSchema, "the answer"), ...refusals },
  }),
  async (c) => {
    authorizeEver(c, "matter:read");
    const { countyCode, matterCode, onDate } = c.req.valid("query");
    await assertNamed(c, [ref("query.countyCode", "division", countyCode, "matter:read")]);
    return c.json(await matterAdmission(dbOf(c.env.DB), countyCode, matterCode, onDate ?? shanghaiToday()), 200);
  },
);
