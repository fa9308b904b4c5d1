import { createRoute } from "@hono/zod-openapi";
import { CheckIn, CheckInBody } from "@civicgrid/contracts";
import { createRouter, principalOf } from "@civicgrid/http";
import type { AppEnv } from "../env";
import { dayOf } from "../periods";
import { requirePatroller } from "../scope";
import { countyOf } from "../settings";

export const checkins = createRouter<AppEnv>();

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

interface CheckInRow {
  sub: string;
  day: string;
  division_code: string;
  at: string;
  lng: number | null;
  lat: number | null;
}

/** One check-in per worker and Shanghai day; checking in again answers the first one (200). */
checkins.openapi(
  createRoute({
    method: "post",
    path: "/v1/checkins",
    summary: "A grid worker checks in (打卡) for today; checking in again answers the first check-in",
    request: { body: json(CheckInBody) },
    responses: { 201: { description: "checked in", ...json(CheckIn) }, 200: { description: "already checked in today", ...json(CheckIn) } },
  }),
  async (c) => {
    const principal = principalOf(c);
    requirePatroller(principal);
    const body = c.req.valid("json");
    const now = new Date();
    const day = dayOf(now);
    const inserted = await c.env.DB.prepare(
      "INSERT OR IGNORE INTO checkins (sub, day, division_code, county_code, at, lng, lat) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )
      .bind(principal.sub, day, principal.divisionCode, countyOf(principal.divisionCode), now.toISOString(), body.lng ?? null, body.lat ?? null)
      .run();
    const row = (await c.env.DB.prepare("SELECT * FROM checkins WHERE sub = ?1 AND day = ?2").bind(principal.sub, day).first<CheckInRow>())!;
    const view = { sub: row.sub, day: row.day, divisionCode: row.division_code, at: row.at, lng: row.lng, lat: row.lat };
    return inserted.meta.changes > 0 ? c.json(view, 201) : c.json(view, 200);
  },
);
