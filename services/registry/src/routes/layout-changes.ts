import { GridChanges, Layout, LayoutFindings } from "@civicgrid/contracts";
import { AppError, assertVersion, createRouter, etagOf } from "@civicgrid/http";
import { createRoute, z } from "@hono/zod-openapi";
import { authorize } from "../access";
import { checkLayout } from "../domain/check-layout";
import { applyChanges, type DraftOp } from "../domain/draft";
import { gridCodeOf } from "../domain/grid-code";
import { blocksChange } from "../domain/layout-rules";
import type { AppEnv } from "../env";
import { assertNamed, changeReferences } from "../references";
import { versionGuard, runBatch } from "../store/guard";
import { lastSequences, openRecords, villageLayouts, villagesOfCounty } from "../store/grids";
import { bumpLayout, deleteOp, layoutOf, loadLayout, upsertOp, type LoadedLayout } from "../store/layouts";
import { nowIso } from "../time";
import { jsonBody, jsonOf, LayoutId, refusals } from "./openapi";

export const layoutChanges = createRouter<AppEnv>();
const Checked = z.object({ layout: Layout, findings: LayoutFindings });

export const EDITABLE = new Set(["draft", "returned"]);

/** The rules over every village a layout touches, every grid it proposes counted as changed. */
export async function checkWholeLayout(db: D1Database, loaded: LoadedLayout) {
  const ops = [...loaded.ops.values()];
  const changed = new Set(ops.filter((o) => o.grid).map((o) => o.code));
  return checkLayout(await villageLayouts(db, new Set(ops.map((o) => o.villageCode)), loaded.ops, changed));
}

layoutChanges.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts/{id}/changes",
    summary: "Create, edit, redraw, split, merge or retire grids in a draft layout (all or nothing; If-Match required)",
    description: "Every change is checked: overlaps between grids of a village and grids reaching outside their village refuse the change (422, with the offending geometry); gaps and size norms are reported.",
    request: { params: LayoutId, ...jsonBody(GridChanges) },
    responses: { 200: jsonOf(Checked, "the layout and what the rules found"), ...refusals },
  }),
  async (c) => {
    const db = c.env.DB;
    const { changes } = c.req.valid("json");
    const loaded = await loadLayout(db, c.req.valid("param").id);
    const { row } = loaded;
    authorize(c, "grid:write", { divisionCode: row.county_code });
    if (!EDITABLE.has(row.status)) throw new AppError("invalid_transition", `layout ${row.id} is ${row.status}; only a draft or returned layout can be edited`);
    assertVersion(c, row.version);
    await assertNamed(c, changeReferences(changes));

    const named = changes.flatMap((ch) => (ch.op === "create" ? [] : ch.op === "merge" ? ch.codes : [ch.code]));
    const needCodes = changes.flatMap((ch) => (ch.op === "create" ? [ch.villageCode] : ch.op === "split" ? [ch.code.slice(0, 12)] : ch.op === "merge" ? [ch.codes[0]?.slice(0, 12) ?? ""] : []));
    const [filed, villages, last] = await Promise.all([openRecords(db, named), villagesOfCounty(db, row.county_code), lastSequences(db, needCodes)]);
    const allocated: { code: string; villageCode: string; sequence: number }[] = [];
    const draft = applyChanges(changes, {
      countyCode: row.county_code,
      ops: loaded.ops,
      filed,
      villages,
      allocate: (villageCode) => {
        const sequence = (last.get(villageCode) ?? 0) + 1;
        if (sequence > 999) throw new AppError("unprocessable", `village ${villageCode} has used all 999 grid codes`);
        last.set(villageCode, sequence);
        allocated.push({ code: gridCodeOf(villageCode, sequence), villageCode, sequence });
        return gridCodeOf(villageCode, sequence);
      },
    });
    const findings = checkLayout(await villageLayouts(db, draft.villages, draft.ops, draft.changed));
    if (blocksChange(findings)) {
      throw new AppError("unprocessable", "the change breaks the layout rules: grids of a village must not overlap or reach outside it", { extra: { findings } });
    }

    const now = nowIso();
    const writes: D1PreparedStatement[] = [versionGuard(db, "layouts", row.id, row.version)];
    for (const a of allocated) {
      writes.push(
        db.prepare("INSERT INTO grids (code, village_code, county_code, sequence, created_layout_id, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
          .bind(a.code, a.villageCode, row.county_code, a.sequence, row.id, now),
      );
    }
    for (const [code, op] of draft.ops) if (loaded.ops.get(code) !== op) writes.push(upsertOp(db, row.id, op as DraftOp));
    for (const code of loaded.ops.keys()) if (!draft.ops.has(code)) writes.push(deleteOp(db, row.id, code));
    writes.push(bumpLayout(db, row.id, ""));
    await runBatch(db, writes);

    const layout = layoutOf(await loadLayout(db, row.id));
    c.header("etag", etagOf(layout.version));
    return c.json({ layout, findings }, 200);
  },
);

layoutChanges.openapi(
  createRoute({
    method: "get",
    path: "/v1/layouts/{id}/check",
    summary: "The layout rules over every village the layout touches",
    request: { params: LayoutId },
    responses: { 200: jsonOf(Checked, "the layout and what the rules found"), ...refusals },
  }),
  async (c) => {
    const loaded = await loadLayout(c.env.DB, c.req.valid("param").id);
    authorize(c, "grid:read", { divisionCode: loaded.row.county_code });
    c.header("etag", etagOf(loaded.row.version));
    return c.json({ layout: layoutOf(loaded), findings: await checkWholeLayout(c.env.DB, loaded) }, 200);
  },
);
