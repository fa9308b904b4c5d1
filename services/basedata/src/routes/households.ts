import { createRoute, z } from "@hono/zod-openapi";
import { HouseholdId, HouseholdView } from "@civicgrid/contracts";
import { AppError, authorize, createRouter } from "@civicgrid/http";
import { villageStub, type AppEnv } from "../env";
import { recordScope } from "../references";

export const householdRoutes = createRouter<AppEnv>();

householdRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/households/{id}",
    summary: "A household (户): its number, address, head and members, names and identities masked",
    request: { params: z.object({ id: HouseholdId }) },
    responses: {
      200: { description: "the household", content: { "application/json": { schema: HouseholdView } } },
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    const scope = await recordScope(c, id);
    const { roles } = authorize(c, "basedata:read", {
      divisionCode: scope.villageCode,
      gridCode: scope.gridCode ?? undefined,
    });
    // A department reads only the people of the groups it owns (tag-visibility.ts), never a whole household.
    if (!roles.some((r) => r !== "department"))
      throw new AppError("forbidden", "a department reads the people of the groups it owns, not their households");
    const household = await villageStub(c.env, scope.villageCode).household(scope.villageCode, id);
    if (!household) throw new AppError("not_found", `no household ${id}`);
    return c.json(household, 200);
  },
);
