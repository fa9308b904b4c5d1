import { createRoute } from "@hono/zod-openapi";
import { CheckIn, CheckInBody, countyOf } from "@civicgrid/contracts";
import { createRouter } from "@civicgrid/http";
import { ownFacts, requirePatroller } from "../access";
import { dayOf } from "../domain/periods";
import type { AppEnv } from "../env";
import { checkIn } from "../store/checkins";

export const checkins = createRouter<AppEnv>();

const json = <T>(schema: T) => ({ content: { "application/json": { schema } } });

/** One check-in per worker and Shanghai day; checking in again answers the first one (200). */
checkins.openapi(
  createRoute({
    method: "post",
    path: "/v1/checkins",
    summary: "A grid worker checks in (打卡) for today; checking in again answers the first check-in",
    request: { body: json(CheckInBody) },
    responses: {
      201: { description: "checked in", ...json(CheckIn) },
      200: { description: "already checked in today", ...json(CheckIn) },
    },
  }),
  async (c) => {
    const principal = requirePatroller(c);
    const body = c.req.valid("json");
    const now = new Date();
    const { created, checkin } = await checkIn(ownFacts(c.env, principal).db, {
      sub: principal.sub,
      day: dayOf(now),
      divisionCode: principal.divisionCode,
      countyCode: countyOf(principal.divisionCode),
      at: now.toISOString(),
      lng: body.lng ?? null,
      lat: body.lat ?? null,
    });
    return created ? c.json(checkin, 201) : c.json(checkin, 200);
  },
);
