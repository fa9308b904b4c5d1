import { Preferences, PreferencesQuery, PreferencesUpdate, type Principal } from "@civicgrid/contracts";
import { createRoute } from "@hono/zod-openapi";
import { AppError, assertVersion, createRouter, etagOf, principalOf } from "@civicgrid/http";
import { preferenceOwner } from "../domain/access";
import type { AppEnv } from "../env";
import { dbOf } from "../store/db";
import { preferencesOf, savePreferences } from "../store/preferences";
import { body, json } from "./shared";

/** The owner whose preferences a caller reads or sets: themselves, or their department's duty line. */
function ownerKey(principal: Principal, owner: "self" | "department"): string {
  const key = preferenceOwner(principal, owner);
  if (key !== null) return key;
  throw new AppError("forbidden", "only department staff set their department's duty-line preferences");
}

export const preferences = createRouter<AppEnv>();

preferences.openapi(
  createRoute({
    method: "get",
    path: "/v1/notifications/preferences",
    summary: "A user reads their quiet hours and digest setting, or department staff their department duty line's",
    request: { query: PreferencesQuery },
    responses: { 200: json(Preferences, "the preferences (version 0: never set)") },
  }),
  async (c) => {
    const current = await preferencesOf(dbOf(c.env.DB), ownerKey(principalOf(c), c.req.valid("query").owner));
    c.header("etag", etagOf(current.version));
    return c.json(current, 200);
  },
);

preferences.openapi(
  createRoute({
    method: "put",
    path: "/v1/notifications/preferences",
    summary: "A user sets their quiet hours and digest, or department staff their department duty line's",
    request: { query: PreferencesQuery, ...body(PreferencesUpdate) },
    responses: { 200: json(Preferences, "the preferences, updated") },
  }),
  async (c) => {
    const key = ownerKey(principalOf(c), c.req.valid("query").owner);
    const db = dbOf(c.env.DB);
    const current = await preferencesOf(db, key);
    assertVersion(c, current.version);
    const written = await savePreferences(db, key, c.req.valid("json"), current.version, new Date().toISOString());
    if (!written) {
      const detail = "the preferences changed while you were updating them; read them again";
      throw new AppError("precondition_failed", detail);
    }
    const saved = await preferencesOf(db, key);
    c.header("etag", etagOf(saved.version));
    return c.json(saved, 200);
  },
);
