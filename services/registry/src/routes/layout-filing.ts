import { AcceptLayout, Layout, ReturnLayout, SubmitLayout } from "@civicgrid/contracts";
import { createRouter } from "@civicgrid/http";
import { createRoute } from "@hono/zod-openapi";
import { decideLayout } from "../domain/layout-lifecycle";
import { nowIso, shanghaiToday } from "../domain/time";
import type { AppEnv } from "../env";
import { acceptStatements } from "../store/accept";
import { dbOf, runBatch } from "../store/db";
import { lastFiled } from "../store/grids";
import { lastEffectiveDate, layoutCommand } from "../store/layouts";
import { flushAfter } from "../store/outbox";
import { bumpLayoutVersion } from "../store/state";
import { answerLayout, checkWholeLayout, commanded } from "./layout-commands";
import { jsonBody, jsonOf, LayoutId, refusals } from "./openapi";
import { orRefuse } from "./refused";

/** Filing a layout with the city (备案): submit, return, accept (the table in domain/layout-lifecycle.ts). */
export const layoutFiling = createRouter<AppEnv>();

layoutFiling.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts/{id}/submit",
    summary: "File the layout with the city agency (备案); refused while the rules find overlaps or gaps",
    request: { params: LayoutId, ...jsonBody(SubmitLayout) },
    responses: { 200: jsonOf(Layout, "the submitted layout"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const { loaded, principal } = await commanded(c, c.req.valid("param").id, "submit");
    const findings = loaded.ops.size > 0 ? await checkWholeLayout(db, loaded) : undefined;
    const input = {
      actor: principal.sub,
      now: nowIso(),
      today: shanghaiToday(),
      changeCount: loaded.ops.size,
      findings,
    };
    const effect = orRefuse(decideLayout("submit", { ...input, note: c.req.valid("json").note ?? loaded.row.note }));
    await runBatch(db, layoutCommand(db, loaded.row, "submit", effect));
    await flushAfter(db, c.env);
    return c.json(await answerLayout(c, loaded.row.id), 200);
  },
);

layoutFiling.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts/{id}/return",
    summary: "Return a filed layout to its county with reasons (city agency)",
    request: { params: LayoutId, ...jsonBody(ReturnLayout) },
    responses: { 200: jsonOf(Layout, "the returned layout"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const { loaded, principal } = await commanded(c, c.req.valid("param").id, "return");
    const { reasons } = c.req.valid("json");
    const effect = orRefuse(
      decideLayout("return", { actor: principal.sub, now: nowIso(), today: shanghaiToday(), reasons }),
    );
    await runBatch(db, layoutCommand(db, loaded.row, "return", effect));
    await flushAfter(db, c.env);
    return c.json(await answerLayout(c, loaded.row.id), 200);
  },
);

layoutFiling.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts/{id}/accept",
    summary: "Accept a filed layout (city agency); its changes take effect on effectiveDate",
    request: { params: LayoutId, ...jsonBody(AcceptLayout) },
    responses: { 200: jsonOf(Layout, "the accepted layout"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const { loaded, principal } = await commanded(c, c.req.valid("param").id, "accept");
    const { row } = loaded;
    const { effectiveDate } = c.req.valid("json");
    const last = await lastEffectiveDate(db, row.countyCode);
    const input = {
      actor: principal.sub,
      now: nowIso(),
      today: shanghaiToday(),
      effectiveDate,
      lastEffectiveDate: last,
    };
    const effect = orRefuse(decideLayout("accept", input));
    const filed = await lastFiled(db, [...loaded.ops.keys()]);
    const grids = acceptStatements(
      db,
      { id: row.id, countyCode: row.countyCode },
      loaded.ops.values(),
      effectiveDate,
      filed,
    );
    await runBatch(db, layoutCommand(db, row, "accept", effect, [...grids, bumpLayoutVersion(db)]));
    await flushAfter(db, c.env);
    return c.json(await answerLayout(c, row.id), 200);
  },
);
