import { MatterAdmissionQuery, MatterAdmissionSchema, MatterCategory, MatterCategoryPatch, MatterCode, NewMatterCategory } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, etagOf } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize, authorizeEver } from "../access";
import type { AppEnv } from "../env";
import { assertNamed, ref } from "../references";
import { runBatch, versionGuard } from "../store/guard";
import { matterAdmission } from "../store/matters";
import { flushOutbox, outboxStatement, registryEvent } from "../store/outbox";
import { nowIso, shanghaiToday } from "../time";
import { jsonBody, jsonOf, refusals } from "./openapi";

export const matterCatalogue = createRouter<AppEnv>();
const Versioned = MatterCategory.extend({ version: z.number().int() });
type CategoryRow = { code: string; name: string; parent_code: string | null; description: string; version: number };

/** The catalogue is the city's (Jiangmen 第九条): only an agency whose jurisdiction holds the city writes it. */
export async function cityCode(db: D1Database): Promise<string> {
  const city = await db.prepare("SELECT code FROM divisions WHERE level = 'city' ORDER BY code LIMIT 1").first<{ code: string }>();
  if (!city) throw new AppError("conflict", "no city is on file; the catalogue belongs to one");
  return city.code;
}

async function answer<S extends 200 | 201>(c: Context<AppEnv>, code: string, status: S) {
  const row = await c.env.DB.prepare("SELECT * FROM matter_categories WHERE code = ?1").bind(code).first<CategoryRow>();
  if (!row) throw new AppError("not_found", `no matter category ${code}`);
  c.header("etag", etagOf(row.version));
  return c.json({ code: row.code, name: row.name, parentCode: row.parent_code, description: row.description, version: row.version }, status);
}

const catalogueEvent = (db: D1Database, code: string, version: number) =>
  outboxStatement(db, registryEvent("registry.matter_categories.changed", `category:${code}`, version, { categoryCode: code }));

matterCatalogue.openapi(
  createRoute({ method: "post", path: "/v1/matters/categories", summary: "Add a category to the city's catalogue", request: jsonBody(NewMatterCategory), responses: { 201: jsonOf(Versioned, "the category"), ...refusals } }),
  async (c) => {
    const db = c.env.DB;
    authorize(c, "matter:write", { divisionCode: await cityCode(db) });
    const body = c.req.valid("json");
    await assertNamed(c, [ref("body.parentCode", "matter", body.parentCode ?? undefined, "matter:read")]);
    await runBatch(db, [
      db.prepare("INSERT INTO matter_categories (code, name, parent_code, description, updated_at) VALUES (?1, ?2, ?3, ?4, ?5)").bind(body.code, body.name, body.parentCode, body.description, nowIso()),
      catalogueEvent(db, body.code, 1),
    ]);
    await flushOutbox(db, c.env);
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
    const db = c.env.DB;
    authorize(c, "matter:write", { divisionCode: await cityCode(db) });
    const { code } = c.req.valid("param");
    const patch = c.req.valid("json");
    const row = await db.prepare("SELECT * FROM matter_categories WHERE code = ?1").bind(code).first<CategoryRow>();
    if (!row) throw new AppError("not_found", `no matter category ${code}`);
    assertVersion(c, row.version);
    await runBatch(db, [
      versionGuard(db, "matter_categories", code, row.version),
      db.prepare("UPDATE matter_categories SET name = ?2, description = ?3, version = version + 1, updated_at = ?4 WHERE code = ?1").bind(code, patch.name ?? row.name, patch.description ?? row.description, nowIso()),
      catalogueEvent(db, code, row.version + 1),
    ]);
    await flushOutbox(db, c.env);
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
    return c.json(await matterAdmission(c.env.DB, countyCode, matterCode, onDate ?? shanghaiToday()), 200);
  },
);
