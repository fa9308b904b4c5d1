import { PageQuery, Template, TemplateCode, TemplatePreview, TemplatePreviewBody, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, authorizeEver, createRouter, decodeCursor, toPage } from "@civicgrid/http";
import { missingVariables, render, variablesOf } from "../domain/template";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { listTemplates, templateOf, type TemplateRow } from "../store/rules";
import { body, json } from "./shared";

export const templates = createRouter<AppEnv>();

const view = (t: TemplateRow) => ({ ...t, variables: variablesOf(t.title, t.body) });

templates.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/templates",
    summary: "Agency staff list the zh-CN message templates and the variables each uses",
    request: { query: PageQuery },
    responses: { 200: json(pageOf(Template), "the zh-CN templates and the variables each uses") },
  }),
  async (c) => {
    authorizeEver(c, "notification:admin");
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const rows = await listTemplates(dbOf(c.env.DB), String(after?.[0] ?? ""), limit + 1);
    const page = toPage(rows, limit, (t) => [t.code]);
    return c.json({ items: page.items.map(view), nextCursor: page.nextCursor }, 200);
  },
);

templates.openapi(
  createRoute({
    method: "post",
    path: "/v1/notifications/templates/{code}/preview",
    summary: "Agency staff preview a message template rendered with the given variables",
    request: { params: z.object({ code: TemplateCode }), ...body(TemplatePreviewBody) },
    responses: { 200: json(TemplatePreview, "the template rendered with the given variables") },
  }),
  async (c) => {
    authorizeEver(c, "notification:admin");
    const { code } = c.req.valid("param");
    const template = await templateOf(dbOf(c.env.DB), code);
    if (!template) throw new AppError("not_found", `no template ${code}`);
    const { variables } = c.req.valid("json");
    const missing = missingVariables([template.title, template.body], variables);
    if (missing.length > 0) {
      throw new AppError("validation_failed", `missing variables: ${missing.join(", ")}`, {
        errors: missing.map((name) => ({
          field: `body.variables.${name}`,
          message: "this template uses it; give a value",
        })),
      });
    }
    return c.json({ code, title: render(template.title, variables), body: render(template.body, variables) }, 200);
  },
);
