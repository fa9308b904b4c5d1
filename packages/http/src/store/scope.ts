import type { ListScope } from "@civicgrid/auth";
import { eq, like, sql, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";

/** The columns a listed table places its rows by; a scope the table has no column for sees none of its rows. */
export type ScopeColumns = { division: SQLiteColumn; grid?: SQLiteColumn; owner?: SQLiteColumn };

/** The WHERE condition of a list scope (see `listScope`), for a drizzle query; undefined when it sees every row. */
export function scopeWhere(scope: ListScope, columns: ScopeColumns): SQL | undefined {
  if ("all" in scope) return undefined;
  if ("prefix" in scope) return like(columns.division, `${scope.prefix}%`);
  if ("grids" in scope) {
    // The grids as one JSON parameter: D1 binds at most 100 parameters to a statement.
    const grids = JSON.stringify(scope.grids);
    return columns.grid ? sql`${columns.grid} IN (SELECT value FROM json_each(${grids}))` : sql`0`;
  }
  return columns.owner ? eq(columns.owner, scope.ownerSub) : sql`0`;
}
