import { createRoute, z } from "@hono/zod-openapi";
import { BaseDataSettings, BaseDataSettingsBody, divisionLevel } from "@civicgrid/contracts";
import { AppError, authorize, createRouter, etagOf, ifMatchVersion, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { putSettings, settingsOf } from "../store/settings";

export const settingsRoutes = createRouter<AppEnv>();
const json = <T extends z.ZodType>(schema: T) => ({ content: { "application/json": { schema } } });
const Params = z.object({ countyCode: z.string().regex(/^\d{12}$/, "must be a 12-digit county division code") });

function countyParam(code: string): string {
  if (divisionLevel(code) !== "county") throw AppError.field("path.countyCode", "must be a county (县/区) code");
  return code;
}

settingsRoutes.openapi(
  createRoute({
    method: "get",
    path: "/v1/basedata/settings/{countyCode}",
    summary: "A county's base-data rules: visit frequency per tagged group and the retention of people who left",
    request: { params: Params },
    responses: { 200: { description: "the settings (defaults at version 0)", ...json(BaseDataSettings) } },
  }),
  async (c) => {
    const county = countyParam(c.req.valid("param").countyCode);
    authorize(c, "basedata:read", { divisionCode: county });
    const settings = await settingsOf(c.env.DB, county);
    c.header("etag", etagOf(settings.version));
    return c.json(settings, 200);
  },
);

settingsRoutes.openapi(
  createRoute({
    method: "put",
    path: "/v1/basedata/settings/{countyCode}",
    summary: 'A county agency sets its visit rules and retention period (If-Match: the version read, "v0" at first)',
    request: { params: Params, body: json(BaseDataSettingsBody) },
    responses: { 200: { description: "the settings now in force", ...json(BaseDataSettings) } },
  }),
  async (c) => {
    const county = countyParam(c.req.valid("param").countyCode);
    authorize(c, "basedata:configure", { divisionCode: county });
    const expected = ifMatchVersion(c);
    const changed = await putSettings(c.env.DB, county, c.req.valid("json"), expected, principalOf(c).sub, new Date());
    const settings = await settingsOf(c.env.DB, county);
    if (!changed)
      throw new AppError("precondition_failed", `the settings are at version ${settings.version}, not ${expected}`, {
        extra: { currentVersion: settings.version },
        headers: { etag: etagOf(settings.version) },
      });
    c.header("etag", etagOf(settings.version));
    return c.json(settings, 200);
  },
);
