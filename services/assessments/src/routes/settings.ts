import { createRoute, z } from "@hono/zod-openapi";
import {
  AssessmentSettings,
  AssessmentSettingsBody,
  DivisionCode,
  ScoringRules,
  ScoringRulesBody,
} from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, etagOf } from "@civicgrid/http";
import { requireCounty } from "../access";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { addRules, latestRules, loadSettings, saveSettings } from "../store/settings";

export const settings = createRouter<AppEnv>();

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const CountyParam = z.object({ countyCode: DivisionCode });

settings.openapi(
  createRoute({
    method: "get",
    path: "/v1/assessments/settings/{countyCode}",
    summary: "Staff read a county's assessment settings: daily patrol minimum, speed limit, grade thresholds",
    request: { params: CountyParam },
    responses: { 200: { description: "county settings (defaults as version 0)", ...json(AssessmentSettings) } },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    await requireCounty(c, countyCode, "assessment:read");
    const current = await loadSettings(dbOf(c.env.DB), countyCode);
    c.header("etag", etagOf(current.version));
    return c.json(current, 200);
  },
);

settings.openapi(
  createRoute({
    method: "put",
    path: "/v1/assessments/settings/{countyCode}",
    summary: "An agency over a county updates the county's assessment settings",
    request: { params: CountyParam, body: json(AssessmentSettingsBody) },
    responses: { 200: { description: "updated", ...json(AssessmentSettings) } },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    const principal = await requireCounty(c, countyCode, "assessment:configure");
    const db = dbOf(c.env.DB);
    const current = await loadSettings(db, countyCode);
    assertVersion(c, current.version);
    if (!(await saveSettings(db, countyCode, c.req.valid("json"), current.version, principal.sub))) {
      throw new AppError("precondition_failed", "the settings changed while updating; read them again");
    }
    const next = await loadSettings(db, countyCode);
    c.header("etag", etagOf(next.version));
    return c.json(next, 200);
  },
);

settings.openapi(
  createRoute({
    method: "get",
    path: "/v1/assessments/rules/{countyCode}",
    summary: "Staff read the newest version of a county's scoring rules (考核细则)",
    request: { params: CountyParam },
    responses: { 200: { description: "newest 考核细则 version", ...json(ScoringRules) } },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    await requireCounty(c, countyCode, "assessment:read");
    const rules = await latestRules(dbOf(c.env.DB), countyCode);
    c.header("etag", etagOf(rules.version));
    return c.json(rules, 200);
  },
);

/** A new version of the 考核细则; earlier versions stay, so past periods keep the rules they were scored by. */
settings.openapi(
  createRoute({
    method: "post",
    path: "/v1/assessments/rules/{countyCode}",
    summary: "An agency over a county adds a version of its scoring rules (考核细则); past periods keep theirs",
    request: { params: CountyParam, body: json(ScoringRulesBody) },
    responses: { 201: { description: "new version", ...json(ScoringRules) } },
  }),
  async (c) => {
    const { countyCode } = c.req.valid("param");
    const principal = await requireCounty(c, countyCode, "assessment:configure");
    const db = dbOf(c.env.DB);
    const current = await latestRules(db, countyCode);
    assertVersion(c, current.version);
    if (!(await addRules(db, countyCode, current.version + 1, c.req.valid("json"), principal.sub))) {
      throw new AppError("precondition_failed", "another version was added meanwhile; read the rules again");
    }
    const next = await latestRules(db, countyCode);
    c.header("etag", etagOf(next.version));
    return c.json(next, 201);
  },
);
