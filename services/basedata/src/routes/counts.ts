import { createRoute, type z } from "@hono/zod-openapi";
import { Counts, CountsQuery } from "@civicgrid/contracts";
import { authorize, createRouter } from "@civicgrid/http";
import { breakdownRefusal, countTarget, kindsOwnedBy, taggedOnly } from "../domain/counts-scope";
import type { AppEnv } from "../env";
import { refuse, valueOf } from "../refuse";
import { sumCounts } from "../store/counts";

export const countRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });

countRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/counts",
    summary:
      "底数 of a grid (gridCode=) or a village, township, county or city (divisionCode=): people by type, households, " +
      "houses, rented houses, units, tagged people by kind, visits due and overdue, as of when; ?by= breaks it down",
    description:
      "Agencies read counts within their jurisdiction, grid workers those of their grids and village. A department " +
      "reads only the tagged counts of the kinds it owns (view: tagged), and is refused (403) when it owns none.",
    request: { query: CountsQuery },
    responses: { 200: { description: "the sums", ...json(Counts) } },
  }),
  async (c) => {
    const query = c.req.valid("query");
    const target = valueOf(countTarget(query));
    refuse(breakdownRefusal(target.level, query.by));
    const scope =
      target.level === "grid"
        ? { divisionCode: target.code.slice(0, 12), gridCode: target.code }
        : {
            divisionCode: target.code,
          };
    const { principal, roles } = authorize(c, "basedata:read", scope);
    const full = roles.some((r) => r !== "department");
    const kinds = full ? [] : await ownedKinds(c.env, principal.departmentId);
    const sums = await sumCounts(c.env.DB, target, query.by);
    const view = (f: (typeof sums)["total"]) => (full ? f : taggedOnly(f, kinds));
    return c.json(
      {
        divisionCode: target.code,
        level: target.level,
        view: full ? ("full" as const) : ("tagged" as const),
        ...view(sums.total),
        ...(query.by ? { breakdown: sums.children.map((child) => ({ code: child.code, ...view(child) })) } : {}),
      },
      200,
    );
  },
);

/** The tag kinds the caller's department owns; 403 when it owns none (its counts would be empty by rule). */
async function ownedKinds(env: AppEnv["Bindings"], departmentId: string | undefined): Promise<string[]> {
  const department = departmentId ? await env.ROSTER.department(departmentId) : null;
  const kinds = kindsOwnedBy(department?.kind);
  if (kinds.length === 0)
    refuse({ code: "forbidden", detail: "a department reads only the counts of the tag kinds it owns, and owns none" });
  return kinds;
}
