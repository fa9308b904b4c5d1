import { createRoute, z } from "@hono/zod-openapi";
import {
  countyOf,
  Patrol,
  PatrolDay,
  PatrolEndBody,
  PatrolPointsBody,
  PatrolStartBody,
  type Principal,
} from "@civicgrid/contracts";
import { AppError, createRouter, etagOf, principalOf } from "@civicgrid/http";
import { ownFacts, requirePatroller, requirePatrolReadable, requirePatrolReader } from "../access";
import { changeRefusal, endRefusal, patrolDay, pointsRefusal, startRefusal } from "../domain/patrol";
import { dayOf } from "../domain/periods";
import type { AppEnv, Env } from "../env";
import { assertWorker } from "../references";
import { refuse } from "../refusal";
import { locatePoints } from "../registry";
import { checkinDivision } from "../store/checkins";
import { dbOf } from "../store/db";
import {
  findPatrol,
  openPatrolOf,
  patrolsOfDay,
  patrolView,
  resummarize,
  startPatrol,
  storePoints,
} from "../store/patrols";
import { loadSettings } from "../store/settings";
import { allFacts, type Shard } from "../store/shards";
import { workerDivision } from "../store/workers";

export const patrols = createRouter<AppEnv>();

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });
const IdParam = z.object({ id: z.string().min(1).max(64) });
/** A patrol and its shard, looked for first on `first` (the worker's own county's), then on every shard. */
async function existingPatrol(env: Env, id: string, first?: Shard) {
  const found = (first && (await findPatrol([first], id))) ?? (await findPatrol(allFacts(env), id));
  if (!found) throw new AppError("not_found", `no patrol ${id}`);
  return found;
}

/** The caller's own open patrol, its shard, and its county's settings (the speed limit it is summarised by). */
async function ownOpenPatrol(env: Env, id: string, principal: Principal) {
  const { shard, patrol } = await existingPatrol(env, id, ownFacts(env, principal));
  refuse(changeRefusal(patrol, principal.sub));
  return { db: shard.db, patrol, settings: await loadSettings(dbOf(env.DB), patrol.countyCode) };
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
    const principal = requirePatroller(c);
    const now = Date.now();
    const at = c.req.valid("json").at ?? new Date(now).toISOString();
    refuse(startRefusal(at, now));
    const own = ownFacts(c.env, principal);
    const open = await openPatrolOf(allFacts(c.env), principal.sub);
    if (open) {
      const extra = { openPatrolId: open.id };
      throw new AppError("conflict", `patrol ${open.id} is still open; end it first`, { extra });
    }
    const row = await startPatrol(own.db, {
      id: crypto.randomUUID(),
      sub: principal.sub,
      divisionCode: principal.divisionCode,
      countyCode: countyOf(principal.divisionCode),
      servedGrids: principal.grids ?? [],
      day: dayOf(at),
      startedAt: new Date(at).toISOString(),
    });
    c.header("etag", etagOf(row.version));
    return c.json(patrolView(row), 201);
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
    const principal = requirePatroller(c);
    const { db, patrol, settings } = await ownOpenPatrol(c.env, c.req.valid("param").id, principal);
    const { points } = c.req.valid("json");
    refuse(pointsRefusal(patrol, points, Date.now()));
    const located = await locatePoints(
      c.env,
      points.map(({ lng, lat }) => ({ lng, lat })),
      patrol.day,
    );
    const fixes = points.map((p, i) => ({
      atMs: Date.parse(p.at),
      lng: p.lng,
      lat: p.lat,
      gridCode: located[i]?.gridCode ?? null,
    }));
    await storePoints(db, patrol.id, fixes);
    const row = await resummarize(db, patrol, settings);
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
    const principal = requirePatroller(c);
    const { db, patrol, settings } = await ownOpenPatrol(c.env, c.req.valid("param").id, principal);
    const at = c.req.valid("json").at ?? new Date().toISOString();
    refuse(endRefusal(patrol, at));
    const row = await resummarize(db, patrol, settings, new Date(at).toISOString());
    c.header("etag", etagOf(row.version));
    return c.json(patrolView(row), 200);
  },
);

patrols.openapi(
  createRoute({
    method: "get",
    path: "/v1/patrols/{id}",
    summary: "A patrol, for the worker on it or an agency over the worker's division",
    request: { params: IdParam },
    responses: { 200: { description: "a patrol", ...json(Patrol) } },
  }),
  async (c) => {
    const { patrol } = await existingPatrol(c.env, c.req.valid("param").id);
    requirePatrolReadable(c, patrol.sub, patrol.divisionCode);
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
    const { day } = c.req.valid("param");
    const { sub = principalOf(c).sub } = c.req.valid("query");
    const principal = requirePatrolReader(c, sub);
    await assertWorker(c, principal, "query.sub", sub);
    // The worker's records may lie in any county's shard (a worker who moved keeps their old ones).
    const shards = allFacts(c.env);
    const [ofDay, checkedInAt] = await Promise.all([patrolsOfDay(shards, sub, day), checkinDivision(shards, sub, day)]);
    const known = sub === principal.sub ? principal.divisionCode : await workerDivision(shards, sub);
    const divisionCode = checkedInAt ?? ofDay[0]?.divisionCode ?? known ?? principal.divisionCode;
    requirePatrolReadable(c, sub, divisionCode);
    const settings = await loadSettings(dbOf(c.env.DB), countyOf(divisionCode));
    const who = { sub, day, checkedIn: checkedInAt !== undefined, minimumMinutes: settings.dailyPatrolMinutes };
    return c.json(patrolDay(who, ofDay), 200);
  },
);
