import { PageQuery, Rule, RulePatch, pageOf } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import {
  AppError,
  assertVersion,
  authorizeEver,
  createRouter,
  decodeCursor,
  etagOf,
  principalOf,
  toPage,
} from "@civicgrid/http";
import { isPlatformAdmin } from "../domain/access";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { listRules, ruleVersion, switchRule } from "../store/rules";
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
    authorizeEver(c, "notification:admin");
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 1);
    const rows = await listRules(dbOf(c.env.DB), String(after?.[0] ?? ""), limit + 1);
    return c.json(
      toPage(rows, limit, (r) => [r.id]),
      200,
    );
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
    if (!isPlatformAdmin(principal)) {
      throw new AppError("forbidden", "rules are shared by every county; a platform administrator changes them");
    }
    const { id } = c.req.valid("param");
    const db = dbOf(c.env.DB);
    const version = await ruleVersion(db, id);
    if (version === null) throw new AppError("not_found", `no rule ${id}`);
    assertVersion(c, version);
    const row = await switchRule(db, id, c.req.valid("json").enabled, version);
    if (!row) throw new AppError("precondition_failed", "the rule changed while you were updating it; read it again");
    c.header("etag", etagOf(row.version));
    return c.json(row, 200);
  },
);
