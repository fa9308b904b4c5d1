import { createRoute } from "@hono/zod-openapi";
import { divisionPrefix, PageQuery, pageOf, Supervision } from "@civicgrid/contracts";
import { mayEver } from "@civicgrid/auth";
import { AppError, createRouter, decodeCursor, principalOf, toPage } from "@civicgrid/http";
import type { AppEnv } from "../env";

type Row = { id: string; case_id: string; step: Supervision["step"]; responsible_unit: string; due_at: string; county_code: string; created_at: string };

/** 督办 records: an agency sees those in its subtree, a department those against itself. */
export const supervisionRoutes = createRouter<AppEnv>().openapi(
  createRoute({ method: "get", path: "/v1/supervisions", summary: "Supervision records of late cases", request: { query: PageQuery }, responses: { 200: { description: "a page", content: { "application/json": { schema: pageOf(Supervision) } } } } }),
  async (c) => {
    const principal = principalOf(c);
    if (!mayEver(principal, "supervision:read")) throw new AppError("forbidden", "your roles may not read supervisions");
    const { limit, cursor } = c.req.valid("query");
    const after = decodeCursor(cursor, 2);
    const scopes: string[] = [];
    const args: (string | number)[] = [];
    if (principal.roles.includes("platform_admin")) scopes.push("1 = 1");
    if (principal.roles.includes("agency")) { scopes.push("division_code LIKE ?"); args.push(`${divisionPrefix(principal.divisionCode)}%`); }
    if (principal.roles.includes("department") && principal.departmentId) { scopes.push("responsible_unit = ?"); args.push(principal.departmentId); }
    const where = [`(${scopes.join(" OR ") || "0 = 1"})`];
    if (after) { where.push("(created_at < ? OR (created_at = ? AND id < ?))"); args.push(after[0]!, after[0]!, after[1]!); }
    const { results } = await c.env.DB.prepare(`SELECT * FROM supervisions WHERE ${where.join(" AND ")} ORDER BY created_at DESC, id DESC LIMIT ?`).bind(...args, limit + 1).all<Row>();
    const items = results.map((r) => ({ id: r.id, caseId: r.case_id, step: r.step, responsibleUnit: r.responsible_unit, dueAt: r.due_at, countyCode: r.county_code, createdAt: r.created_at }));
    return c.json(toPage(items, limit, (s) => [s.createdAt, s.id]), 200);
  },
);
