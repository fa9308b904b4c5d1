import { AppError, authorize, createRouter, etagOf } from "@civicgrid/http";
import { GridChanges, Layout, LayoutFindings } from "@civicgrid/contracts";
import { createRoute, z } from "@hono/zod-openapi";
import { typedFactsRefusal, updatedGrids } from "../domain/base-facts";
import { checkLayout } from "../domain/check-layout";
import { applyChanges, namedGrids, villagesNeedingCodes } from "../domain/draft";
import { allocator } from "../domain/grid-code";
import { blocksChange } from "../domain/layout-rules";
import { nowIso } from "../domain/time";
import type { AppEnv } from "../env";
import { assertNamed, changeReferences } from "../references";
import { baseCountsOf } from "../store/base-counts";
import { dbOf, runBatch } from "../store/db";
import { lastSequences, openRecords, villageLayouts, villagesOfCounty } from "../store/grids";
import { allocateGrid, deleteOp, layoutCommand, layoutOf, upsertOp } from "../store/layouts";
import { answerLayout, checkWholeLayout, commanded, foundLayout } from "./layout-commands";
import { jsonBody, jsonOf, LayoutId, refusals } from "./openapi";
import { orRefuse, refusedError } from "./refused";

export const layoutChanges = createRouter<AppEnv>();
const Checked = z.object({ layout: Layout, findings: LayoutFindings });

layoutChanges.openapi(
  createRoute({
    method: "post",
    path: "/v1/layouts/{id}/changes",
    summary: "Create, edit, redraw, split, merge or retire grids in a draft layout (all or nothing; If-Match required)",
    description:
      "Every change is checked: overlaps between grids of a village and grids reaching outside their village refuse the change " +
      "(422, with the offending geometry); gaps and size norms are reported.",
    request: { params: LayoutId, ...jsonBody(GridChanges) },
    responses: { 200: jsonOf(Checked, "the layout and what the rules found"), ...refusals },
  }),
  async (c) => {
    const db = dbOf(c.env.DB);
    const { changes } = c.req.valid("json");
    const { loaded } = await commanded(c, c.req.valid("param").id, "edit");
    const { row } = loaded;
    await assertNamed(c, changeReferences(changes));
    const counted = await baseCountsOf(db, updatedGrids(changes));
    const typedFacts = typedFactsRefusal(changes, new Set(counted.keys()));
    if (typedFacts) throw refusedError(typedFacts);

    const [filed, villages, last] = await Promise.all([
      openRecords(db, namedGrids(changes)),
      villagesOfCounty(db, row.countyCode),
      lastSequences(db, villagesNeedingCodes(changes)),
    ]);
    const allocate = allocator(last);
    const draft = orRefuse(
      applyChanges(changes, { countyCode: row.countyCode, ops: loaded.ops, filed, villages, allocate: allocate.next }),
    );
    const findings = checkLayout(await villageLayouts(db, draft.villages, draft.ops, draft.changed));
    if (blocksChange(findings)) {
      const message = "the change breaks the layout rules: grids of a village must not overlap or reach outside it";
      throw new AppError("unprocessable", message, { extra: { findings } });
    }

    const now = nowIso();
    const writes = [
      ...allocate.handedOut.map((grid) => allocateGrid(db, grid, row, now)),
      ...[...draft.ops].filter(([code, op]) => loaded.ops.get(code) !== op).map(([, op]) => upsertOp(db, row.id, op)),
      ...[...loaded.ops.keys()].filter((code) => !draft.ops.has(code)).map((code) => deleteOp(db, row.id, code)),
    ];
    await runBatch(db, layoutCommand(db, row, "edit", {}, writes));
    return c.json({ layout: await answerLayout(c, row.id), findings }, 200);
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
    const db = dbOf(c.env.DB);
    const loaded = await foundLayout(db, c.req.valid("param").id);
    authorize(c, "grid:read", { divisionCode: loaded.row.countyCode });
    c.header("etag", etagOf(loaded.row.version));
    return c.json({ layout: layoutOf(loaded), findings: await checkWholeLayout(db, loaded) }, 200);
  },
);
