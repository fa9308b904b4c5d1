import type { ResourceScope } from "@civicgrid/auth";
import { AppError, authorize } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "./env";
import { dbOf } from "./store/db";
import { departmentKey } from "./store/departments";

/**
 * Who keeps the registry of mediators (`mediator:write`): an agency over the place, or, among linkage departments,
 * only the justice bureau (司法行政), which guides people's mediation (人民调解法 第五条) — the policy lets any
 * department of the place write, so the department's kind is checked here. 403 otherwise.
 */
export async function assertMediatorWriter(c: Context<AppEnv>, scope: ResourceScope): Promise<void> {
  const { principal, roles } = authorize(c, "mediator:write", scope);
  if (roles.some((role) => role !== "department")) return;
  const key = principal.departmentId ? await departmentKey(dbOf(c.env.DB), principal.departmentId) : null;
  if (key !== "justice")
    throw new AppError("forbidden", "among linkage departments only the justice bureau (司法行政) keeps mediators");
}
