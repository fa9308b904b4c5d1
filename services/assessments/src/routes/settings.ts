import { createRoute, z } from "@hono/zod-openapi";
import { AssessmentSettings, AssessmentSettingsBody, DivisionCode, ScoringRules, ScoringRulesBody } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, etagOf, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { requireCounty } from "../scope";
import { latestRules, loadSettings } from "../settings";

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
    await requireCounty(c, principalOf(c), countyCode, "assessment:read");
    const current = await loadSettings(c.env.DB, countyCode);
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
    const principal = principalOf(c);
    const { countyCode } = c.req.valid("param");
    await requireCounty(c, principal, countyCode, "assessment:configure");
    const current = await loadSettings(c.env.DB, countyCode);
    assertVersion(c, current.version);
    const body = c.req.valid("json");
    const changed = await c.env.DB.prepare(
      `INSERT INTO county_settings (county_code, daily_patrol_minutes, max_speed_kmh, grade_thresholds, version, updated_by, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5 + 1, ?6, ?7)
       ON CONFLICT (county_code) DO UPDATE SET daily_patrol_minutes = excluded.daily_patrol_minutes, max_speed_kmh = excluded.max_speed_kmh,
         grade_thresholds = excluded.grade_thresholds, version = excluded.version, updated_by = excluded.updated_by, updated_at = excluded.updated_at
       WHERE county_settings.version = ?5`,
    )
      .bind(countyCode, body.dailyPatrolMinutes, body.maxSpeedKmh, JSON.stringify(body.gradeThresholds), current.version, principal.sub, new Date().toISOString())
      .run();
    if (changed.meta.changes === 0) throw new AppError("precondition_failed", "the settings changed while updating; read them again");
    const next = await loadSettings(c.env.DB, countyCode);
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
    await requireCounty(c, principalOf(c), countyCode, "assessment:read");
    const rules = await latestRules(c.env.DB, countyCode);
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
    const principal = principalOf(c);
    const { countyCode } = c.req.valid("param");
    await requireCounty(c, principal, countyCode, "assessment:configure");
    const current = await latestRules(c.env.DB, countyCode);
    assertVersion(c, current.version);
    const body = c.req.valid("json");
    const inserted = await c.env.DB.prepare(
      "INSERT OR IGNORE INTO scoring_rules (county_code, version, effective_from, weights, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
    )
      .bind(countyCode, current.version + 1, body.effectiveFrom, JSON.stringify(body.weights), principal.sub, new Date().toISOString())
      .run();
    if (inserted.meta.changes === 0) throw new AppError("precondition_failed", "another version was added meanwhile; read the rules again");
    const next = await latestRules(c.env.DB, countyCode);
    c.header("etag", etagOf(next.version));
    return c.json(next, 201);
  },
);
