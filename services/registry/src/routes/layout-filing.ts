import type { LayoutFindings } from "@civicgrid/contracts";
import { AcceptLayout, Layout, ReturnLayout, SubmitLayout, divisionAncestors } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, etagOf } from "@civicgrid/http";
import type { z } from "@hono/zod-openapi";
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize } from "../access";
import type { AppEnv } from "../env";
import { acceptStatements } from "../store/accept";
import { runBatch, versionGuard } from "../store/guard";
import { lastFiled } from "../store/grids";
import { bumpLayout, layoutOf, loadLayout, type LoadedLayout } from "../store/layouts";
import { flushOutbox, outboxStatement, registryEvent } from "../store/outbox";
import { bumpLayoutVersion } from "../store/state";
import { nowIso, shanghaiToday } from "../time";
import { checkWholeLayout, EDITABLE } from "./layout-changes";
import { jsonBody, jsonOf, LayoutId, refusals } from "./openapi";

export const layoutFiling = createRouter<AppEnv>();

/** The city a county files with: review is by an agency whose jurisdiction holds the city, never the county itself. */
const cityOf = (countyCode: string) => divisionAncestors(countyCode)[0] ?? countyCode;

async function transition(c: Context<AppEnv>, loaded: LoadedLayout, set: string, values: unknown[], event: Parameters<typeof registryEvent>[0], extra: D1PreparedStatement[] = []) {
  const db = c.env.DB;
  const { row } = loaded;
  const next = row.version + 1;
  const data = { layoutId: row.id, countyCode: row.county_code, number: row.number };
  await runBatch(db, [
    versionGuard(db, "layouts", row.id, row.version),
    bumpLayout(db, row.id, set, ...values),
    ...extra,
    outboxStatement(db, registryEvent(event, row.id, next, data)),
  ]);
  await flushOutbox(db, c.env);
  const layout = layoutOf(await loadLayout(db, row.id));
  c.header("etag", etagOf(layout.version));
  return layout;
}

layoutFiling.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts/{id}/submit",
    summary: "File the layout with the city agency (备案); refused while the rules find overlaps or gaps",
    request: { params: LayoutId, ...jsonBody(SubmitLayout) },
    responses: { 200: jsonOf(Layout, "the submitted layout"), ...refusals },
  }),
  async (c) => {
    const loaded = await loadLayout(c.env.DB, c.req.valid("param").id);
    const principal = authorize(c, "grid:file", { divisionCode: loaded.row.county_code });
    if (!EDITABLE.has(loaded.row.status)) throw new AppError("invalid_transition", `layout ${loaded.row.id} is ${loaded.row.status}`);
    assertVersion(c, loaded.row.version);
    if (loaded.ops.size === 0) throw new AppError("unprocessable", "the layout changes nothing; there is nothing to file");
    const findings: z.infer<typeof LayoutFindings> = await checkWholeLayout(c.env.DB, loaded);
    if (findings.overlaps.length + findings.outside.length + findings.gaps.length > 0) {
      throw new AppError("unprocessable", "a layout is filed only when its villages are covered without gaps or overlaps", { extra: { findings } });
    }
    const note = c.req.valid("json").note ?? loaded.row.note;
    const layout = await transition(c, loaded, "status = 'submitted', submitted_by = ?2, submitted_at = ?3, note = ?4, review_reasons = '[]'", [principal.sub, nowIso(), note], "registry.layout.submitted");
    return c.json(layout, 200);
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
    const loaded = await loadLayout(c.env.DB, c.req.valid("param").id);
    const principal = authorize(c, "grid:review-filing", { divisionCode: cityOf(loaded.row.county_code) });
    if (loaded.row.status !== "submitted") throw new AppError("invalid_transition", `layout ${loaded.row.id} is ${loaded.row.status}, not submitted`);
    assertVersion(c, loaded.row.version);
    const reasons = JSON.stringify(c.req.valid("json").reasons);
    const layout = await transition(c, loaded, "status = 'returned', reviewed_by = ?2, reviewed_at = ?3, review_reasons = ?4", [principal.sub, nowIso(), reasons], "registry.layout.returned");
    return c.json(layout, 200);
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
    const db = c.env.DB;
    const loaded = await loadLayout(db, c.req.valid("param").id);
    const { row } = loaded;
    const principal = authorize(c, "grid:review-filing", { divisionCode: cityOf(row.county_code) });
    if (row.status !== "submitted") throw new AppError("invalid_transition", `layout ${row.id} is ${row.status}, not submitted`);
    assertVersion(c, row.version);
    const { effectiveDate } = c.req.valid("json");
    const previous = await db
      .prepare("SELECT max(effective_date) AS d FROM layouts WHERE county_code = ?1 AND status = 'accepted'")
      .bind(row.county_code)
      .first<{ d: string | null }>();
    // History is never rewritten: a layout takes effect today or later, and not before the county's last one.
    const earliest = [shanghaiToday(), previous?.d ?? ""].sort().at(-1) ?? "";
    if (effectiveDate < earliest) throw AppError.field("body.effectiveDate", `must be ${earliest} or later`, "unprocessable");
    const filed = await lastFiled(db, [...loaded.ops.keys()]);
    const layout = await transition(
      c,
      loaded,
      "status = 'accepted', reviewed_by = ?2, reviewed_at = ?3, effective_date = ?4, review_reasons = '[]'",
      [principal.sub, nowIso(), effectiveDate],
      "registry.layout.accepted",
      [...acceptStatements(db, { id: row.id, countyCode: row.county_code }, loaded.ops.values(), effectiveDate, filed), bumpLayoutVersion(db)],
    );
    return c.json(layout, 200);
  },
);
