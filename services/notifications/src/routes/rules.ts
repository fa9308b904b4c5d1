import { PageQuery, Rule, RulePatch, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { AppError, assertVersion, createRouter, decodeCursor, etagOf, principalOf, toPage } from "@civicgrid/http";
import { requireOperator } from "../access";
import { ruleView, type RuleRow } from "../domain/rules";
import type { AppEnv } from "../env";
import { body, json } from "./shared";

export const rules = createRouter<AppEnv>();

rules.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/rules",
    summary: "Agency staff list the notification rules: who is told what, on which channel",
    request: { query: PageQuery },
    responses: { 200: json(pageOf(Rule), "who is told what, on which channel") },
  }),
  async (c) => {
    requireOperator(principalOf(c));
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const { results } = await c.env.DB.prepare("SELECT * FROM rules WHERE id > ?1 ORDER BY id LIMIT ?2").bind(after?.[0] ?? "", limit + 1).all<RuleRow>();
    const page = toPage(results, limit, (r) => [r.id]);
    return c.json({ items: page.items.map(ruleView), nextCursor: page.nextCursor }, 200);
  },
);

rules.openapi(
  createRoute({
    method: "patch",
    path: "/v1/notifications/rules/{id}",
    summary: "A platform administrator switches a notification rule on or off for every county",
    request: { params: z.object({ id: z.string().regex(/^[a-z0-9-]{2,64}$/) }), ...body(RulePatch) },
    responses: { 200: json(Rule, "the rule, switched on or off") },
  }),
  async (c) => {
    const principal = principalOf(c);
    // Rules apply to every county at once, so only a platform administrator switches them.
    if (!principal.roles.includes("platform_admin")) throw new AppError("forbidden", "rules are shared by every county; a platform administrator changes them");
    const { id } = c.req.valid("param");
    const current = await c.env.DB.prepare("SELECT version FROM rules WHERE id = ?1").bind(id).first<{ version: number }>();
    if (!current) throw new AppError("not_found", `no rule ${id}`);
    assertVersion(c, current.version);
    const row = await c.env.DB.prepare("UPDATE rules SET enabled = ?2, version = version + 1 WHERE id = ?1 AND version = ?3 RETURNING *")
      .bind(id, c.req.valid("json").enabled ? 1 : 0, current.version)
      .first<RuleRow>();
    if (!row) throw new AppError("precondition_failed", "the rule changed while you were updating it; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(ruleView(row), 200);
  },
);
