import { createRoute, z } from "@hono/zod-openapi";
import { MappingsPatch, NewPlatform, PlatformId, PlatformPatch, PlatformView, Problem } from "@civicgrid/contracts";
import { AppError, assertReferences, createRouter, etagOf, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import {
  administeredPlatform,
  administeredPlatforms,
  assertWithin,
  divisionReferences,
  editablePlatform,
  resolveDivision,
} from "../access";
import { diff, patched, type AuditEntry, type Editable } from "../domain/platform-changes";
import type { AppEnv } from "../env";
import { platformView } from "../secrets";
import { createPlatform, findPlatform, savePlatform, type Platform } from "../store/platforms";

/**
 * Platforms managed through the API (no SQL by hand): created, read, updated with If-Match, their code mappings
 * changed, every change audited. Who may: a platform admin anywhere, an agency for platforms serving a division
 * within its jurisdiction (the shared policy's integration:admin), so a city agency manages its city's platforms.
 */
export const platformsAdmin = createRouter<AppEnv>();

const problem = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: Problem } },
});
const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { required: true, content: { "application/json": { schema } } },
});
export const refusals = {
  400: problem("a field is not valid (named)"),
  401: problem("no principal"),
  403: problem("not an integration administrator here, or a division outside your jurisdiction"),
  404: problem("no such platform"),
  409: problem("a platform with this id exists"),
  412: problem("the platform changed since you read it"),
  422: problem("a division that is not yours to name, or outside the platform's division"),
  428: problem("If-Match is required"),
};
export const Params = z.object({ id: PlatformId });

/** Answers a platform with its ETag, so the next change can send If-Match. */
export async function platformAnswer<S extends 200 | 201>(c: Context<AppEnv>, platform: Platform, status: S) {
  c.header("etag", etagOf(platform.version));
  return c.json(await platformView(c.env, platform), status);
}

platformsAdmin.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/platforms",
    summary: "The platforms you administer: callback URL, code mappings, which secrets are active (never a secret)",
    responses: {
      200: json(z.object({ items: z.array(PlatformView) }), "platforms"),
      401: refusals[401],
      403: refusals[403],
    },
  }),
  async (c) => {
    const platforms = await administeredPlatforms(c, c.env.DB);
    return c.json({ items: await Promise.all(platforms.map((p) => platformView(c.env, p))) }, 200);
  },
);

platformsAdmin.openapi(
  createRoute({
    method: "post",
    path: "/v1/integrations/platforms",
    summary: "Register a platform (then rotate to issue its first secret)",
    request: body(NewPlatform),
    responses: { 201: json(PlatformView, "the platform"), ...refusals },
  }),
  async (c) => {
    const input = c.req.valid("json");
    const served = {
      field: "body.divisionCode",
      kind: "division",
      id: input.divisionCode,
      action: "integration:admin",
    } as const;
    await assertReferences(c, [served, ...divisionReferences(input.divisionMap)], resolveDivision);
    assertWithin(input.divisionCode, input.divisionMap);
    const entry: AuditEntry = {
      platform: input.id,
      actor: principalOf(c).sub,
      action: "created",
      changes: { ...input },
    };
    if (!(await createPlatform(c.env.DB, input, entry)))
      throw AppError.field("body.id", `platform ${input.id} exists`, "conflict");
    const platform = await findPlatform(c.env.DB, input.id);
    if (!platform) throw new AppError("internal", "the platform vanished after it was created");
    return platformAnswer(c, platform, 201);
  },
);

platformsAdmin.openapi(
  createRoute({
    method: "get",
    path: "/v1/integrations/platforms/{id}",
    summary: "One platform, with its ETag",
    request: { params: Params },
    responses: { 200: json(PlatformView, "the platform"), ...refusals },
  }),
  async (c) => platformAnswer(c, await administeredPlatform(c, c.env.DB, c.req.valid("param").id), 200),
);

platformsAdmin.openapi(
  createRoute({
    method: "patch",
    path: "/v1/integrations/platforms/{id}",
    summary: "Change a platform's name, callback URL or whether it is active (If-Match)",
    request: { params: Params, ...body(PlatformPatch) },
    responses: { 200: json(PlatformView, "the platform"), ...refusals },
  }),
  async (c) => {
    const platform = await editablePlatform(c, c.env.DB, c.req.valid("param").id);
    const after = { ...platform, ...c.req.valid("json") };
    return saved(c, platform, after, "updated");
  },
);

platformsAdmin.openapi(
  createRoute({
    method: "patch",
    path: "/v1/integrations/platforms/{id}/mappings",
    summary: "Set or remove category and division code mappings (a code set to null is removed; If-Match)",
    request: { params: Params, ...body(MappingsPatch) },
    responses: { 200: json(PlatformView, "the platform"), ...refusals },
  }),
  async (c) => {
    const platform = await editablePlatform(c, c.env.DB, c.req.valid("param").id);
    const patch = c.req.valid("json");
    const added = Object.fromEntries(
      Object.entries(patch.divisionMap ?? {}).filter((e): e is [string, string] => e[1] !== null),
    );
    await assertReferences(c, divisionReferences(added), resolveDivision);
    assertWithin(platform.divisionCode, added);
    const after = {
      ...platform,
      categoryMap: patched(platform.categoryMap, patch.categoryMap),
      divisionMap: patched(platform.divisionMap, patch.divisionMap),
    };
    return saved(c, platform, after, "mappings_changed");
  },
);

async function saved(c: Context<AppEnv>, before: Platform, after: Editable, action: AuditEntry["action"]) {
  const entry: AuditEntry = { platform: before.id, actor: principalOf(c).sub, action, changes: diff(before, after) };
  if (!(await savePlatform(c.env.DB, before, after, entry))) {
    throw new AppError("precondition_failed", "the platform changed while this request ran; read it again");
  }
  const platform = await findPlatform(c.env.DB, before.id);
  if (!platform) throw new AppError("not_found", `no platform ${before.id}`);
  return platformAnswer(c, platform, 200);
}
