import { AppError, assertVersion, authorize, etagOf } from "@civicgrid/http";
import type { Context } from "hono";
import { checkLayout } from "../domain/check-layout";
import { issuerOf, statusRefusal, type LayoutCommand } from "../domain/layout-lifecycle";
import type { AppEnv } from "../env";
import { dbOf, type Db } from "../store/db";
import { villageLayouts } from "../store/grids";
import { layoutOf, loadLayout, type LoadedLayout } from "../store/layouts";
import { refusedError } from "./refused";

/** The layout with its ops, or 404. */
export async function foundLayout(db: Db, id: string): Promise<LoadedLayout> {
  const loaded = await loadLayout(db, id);
  if (!loaded) throw new AppError("not_found", `no layout ${id}`);
  return loaded;
}

/**
 * A lifecycle command's checks before its guards, in the order the API has always answered them: who may
 * issue it (403), whether the layout's status allows it (409), then If-Match (428 / 412). Answers the caller.
 */
export async function commanded(c: Context<AppEnv>, id: string, command: LayoutCommand) {
  const loaded = await foundLayout(dbOf(c.env.DB), id);
  const issuer = issuerOf(command, loaded.row.countyCode);
  const { principal } = authorize(c, issuer.action, { divisionCode: issuer.divisionCode });
  const wrongStatus = statusRefusal(command, loaded.row);
  if (wrongStatus) throw refusedError(wrongStatus);
  assertVersion(c, loaded.row.version);
  return { loaded, principal };
}

/** The rules over every village a layout touches, every grid it proposes counted as changed. */
export async function checkWholeLayout(db: Db, loaded: LoadedLayout) {
  const ops = [...loaded.ops.values()];
  const changed = new Set(ops.filter((o) => o.grid).map((o) => o.code));
  return checkLayout(await villageLayouts(db, new Set(ops.map((o) => o.villageCode)), loaded.ops, changed));
}

/** The layout as it now is, with its ETag. */
export async function answerLayout(c: Context<AppEnv>, id: string) {
  const layout = layoutOf(await foundLayout(dbOf(c.env.DB), id));
  c.header("etag", etagOf(layout.version));
  return layout;
}
