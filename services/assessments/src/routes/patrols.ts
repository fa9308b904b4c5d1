import { createRoute, z } from "@hono/zod-openapi";
import { Patrol, PatrolDay, PatrolEndBody, PatrolPointsBody, PatrolStartBody } from "@civicgrid/contracts";
import { AppError, createRouter, etagOf, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { dayOf } from "../periods";
import { loadPatrol, patrolView, type PatrolRow } from "../patrol/store";
import { locatePoints, MAX_POINTS_PER_PATROL, resummarize, storePoints } from "../patrol/track-update";
import { assertWorker, workerDivision } from "../references";
import { requireIn, requirePatroller } from "../scope";
import { countyOf, loadSettings } from "../settings";

export const patrols = createRouter<AppEnv>();

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(64) });
/** A device clock may run a little ahead; fixes further in the future are refused. */
const CLOCK_SKEW_MS = 5 * 60_000;

async function ownOpenPatrol(db: D1Database, id: string, sub: string): Promise<PatrolRow> {
  const patrol = await loadPatrol(db, id);
  if (patrol.sub !== sub) throw new AppError("forbidden", "only the worker on patrol may change it");
  if (patrol.status !== "open") throw new AppError("invalid_transition", "the patrol has ended");
  return patrol;
}

patrols.openapi(
  createRoute({
    method: "post",
    path: "/v1/patrols",
    summary: "A grid worker starts a patrol (巡查); one open patrol at a time",
    request: { body: json(PatrolStartBody) },
    responses: { 201: { description: "started", ...json(Patrol) } },
  }),
  async (c) => {
    const principal = principalOf(c);
    requirePatroller(principal);
    const now = Date.now();
    const at = c.req.valid("json").at ?? new Date(now).toISOString();
    if (Date.parse(at) > now + CLOCK_SKEW_MS) throw AppError.field("body.at", "is in the future");
    const open = await c.env.DB.prepare("SELECT id FROM patrols WHERE sub = ?1 AND status = 'open'").bind(principal.sub).first<{ id: string }>();
    if (open) throw new AppError("conflict", `patrol ${open.id} is still open; end it first`, { extra: { openPatrolId: open.id } });
    const row = await c.env.DB.prepare(
      `INSERT INTO patrols (id, sub, division_code, county_code, served_grids, day, status, started_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7) RETURNING *`,
    )
      .bind(crypto.randomUUID(), principal.sub, principal.divisionCode, countyOf(principal.divisionCode), JSON.stringify(principal.grids ?? []), dayOf(at), new Date(at).toISOString())
      .first<PatrolRow>();
    c.header("etag", etagOf(row!.version));
    return c.json(patrolView(row!), 201);
  },
);

patrols.openapi(
  createRoute({
    method: "post",
    path: "/v1/patrols/{id}/points",
    summary: "A grid worker adds track points to their open patrol, which is summarised again",
    request: { params: IdParam, body: json(PatrolPointsBody) },
    responses: { 200: { description: "points stored, patrol re-summarised", ...json(Patrol) } },
  }),
  async (c) => {
    const principal = principalOf(c);
    requirePatroller(principal);
    const patrol = await ownOpenPatrol(c.env.DB, c.req.valid("param").id, principal.sub);
    const { points } = c.req.valid("json");
    const earliest = Date.parse(patrol.started_at) - 60_000;
    points.forEach((p, i) => {
      const ms = Date.parse(p.at);
      if (ms < earliest) throw AppError.field(`body.points.${i}.at`, "is before the patrol started");
      if (ms > Date.now() + CLOCK_SKEW_MS) throw AppError.field(`body.points.${i}.at`, "is in the future");
    });
    if (patrol.point_count + points.length > MAX_POINTS_PER_PATROL) throw new AppError("unprocessable", `a patrol keeps at most ${MAX_POINTS_PER_PATROL} points; start a new patrol`);
    const located = await locatePoints(c.env, points.map(({ lng, lat }) => ({ lng, lat })), patrol.day);
    await storePoints(c.env.DB, patrol.id, points.map((p, i) => ({ atMs: Date.parse(p.at), lng: p.lng, lat: p.lat, gridCode: located[i]?.gridCode ?? null })));
    const row = await resummarize(c.env.DB, patrol);
    c.header("etag", etagOf(row.version));
    return c.json(patrolView(row), 200);
  },
);

patrols.openapi(
  createRoute({
    method: "post",
    path: "/v1/patrols/{id}/end",
    summary: "A grid worker ends their open patrol",
    request: { params: IdParam, body: json(PatrolEndBody) },
    responses: { 200: { description: "ended", ...json(Patrol) } },
  }),
  async (c) => {
    const principal = principalOf(c);
    requirePatroller(principal);
    const patrol = await ownOpenPatrol(c.env.DB, c.req.valid("param").id, principal.sub);
    const at = c.req.valid("json").at ?? new Date().toISOString();
    if (Date.parse(at) < Date.parse(patrol.started_at)) throw AppError.field("body.at", "is before the patrol started");
    const row = await resummarize(c.env.DB, patrol, new Date(at).toISOString());
    c.header("etag", etagOf(row.version));
    return c.json(patrolView(row), 200);
  },
);

/** The worker themself, or an agency (the platform) over the worker's village. */
function requireReader(principal: ReturnType<typeof principalOf>, sub: string) {
  if (principal.sub === sub) return;
  if (!principal.roles.some((r) => r === "agency" || r === "platform_admin")) throw new AppError("forbidden", "only the worker and agencies over them may read patrols");
}

function requireReadable(principal: ReturnType<typeof principalOf>, sub: string, divisionCode: string) {
  requireReader(principal, sub);
  if (principal.sub !== sub) requireIn(principal, "assessment:read", { divisionCode });
}

patrols.openapi(
  createRoute({
    method: "get",
    path: "/v1/patrols/{id}",
    summary: "A patrol, for the worker on it or an agency over the worker's division",
    request: { params: IdParam },
    responses: { 200: { description: "a patrol", ...json(Patrol) } },
  }),
  async (c) => {
    const patrol = await loadPatrol(c.env.DB, c.req.valid("param").id);
    requireReadable(principalOf(c), patrol.sub, patrol.division_code);
    c.header("etag", etagOf(patrol.version));
    return c.json(patrolView(patrol), 200);
  },
);

const DayParam = z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "YYYY-MM-DD") });
const DayQuery = z.object({ sub: z.string().min(1).max(128).optional() });

patrols.openapi(
  createRoute({
    method: "get",
    path: "/v1/patrols/days/{day}",
    summary: "A worker's patrol day against the county's daily minimum, for the worker or an agency over them",
    request: { params: DayParam, query: DayQuery },
    responses: { 200: { description: "a worker's patrol day", ...json(PatrolDay) } },
  }),
  async (c) => {
    const principal = principalOf(c);
    const { day } = c.req.valid("param");
    const { sub = principal.sub } = c.req.valid("query");
    requireReader(principal, sub);
    await assertWorker(c, principal, "query.sub", sub);
    const { results } = await c.env.DB.prepare("SELECT * FROM patrols WHERE sub = ?1 AND day = ?2").bind(sub, day).all<PatrolRow>();
    const checkin = await c.env.DB.prepare("SELECT division_code FROM checkins WHERE sub = ?1 AND day = ?2").bind(sub, day).first<{ division_code: string }>();
    const known = sub === principal.sub ? principal.divisionCode : await workerDivision(c.env.DB, sub);
    const divisionCode = checkin?.division_code ?? results[0]?.division_code ?? known ?? principal.divisionCode;
    requireReadable(principal, sub, divisionCode);
    const settings = await loadSettings(c.env.DB, countyOf(divisionCode));
    const minutes = Math.round(results.reduce((s, p) => s + p.counted_minutes, 0) * 100) / 100;
    const covered = [...new Set(results.flatMap((p) => JSON.parse(p.covered_grids) as string[]))].sort();
    return c.json(
      {
        sub,
        day,
        checkedIn: checkin !== null,
        patrolMinutes: minutes,
        distanceM: Math.round(results.reduce((s, p) => s + p.counted_distance_m, 0) * 10) / 10,
        coveredGrids: covered,
        minimumMinutes: settings.dailyPatrolMinutes,
        metMinimum: minutes >= settings.dailyPatrolMinutes,
        flaggedPatrols: results.filter((p) => p.flags !== "[]").length,
      },
      200,
    );
  },
);
