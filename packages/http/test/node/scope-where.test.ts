import { drizzle } from "drizzle-orm/d1";
import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { describe, expect, it } from "vitest";
import { scopeWhere, type ScopeColumns } from "../../src/store/scope";

const rows = sqliteTable("rows", {
  division: text("division_code"),
  grid: text("grid_code"),
  owner: text("owner_sub"),
});
const db = drizzle({} as never);
const where = (scope: Parameters<typeof scopeWhere>[0], columns: ScopeColumns = rows) =>
  db.select().from(rows).where(scopeWhere(scope, columns)).toSQL();

describe("a list scope as a drizzle condition", () => {
  it("adds nothing for everything, and a prefix match for a division", () => {
    expect(where({ all: true }).sql).not.toContain("where");
    expect(where({ prefix: "440703" })).toMatchObject({
      sql: expect.stringContaining('"division_code" like ?'),
      params: ["440703%"],
    });
  });

  it("matches grids through one JSON parameter, whatever their number", () => {
    const grids = Array.from({ length: 150 }, (_, i) => `440703001001${String(i).padStart(3, "0")}`);
    const query = where({ grids });
    expect(query.sql).toContain('"grid_code" IN (SELECT value FROM json_each(?))');
    expect(query.params).toEqual([JSON.stringify(grids)]);
  });

  it("matches a resident's own rows", () => {
    expect(where({ ownerSub: "r" })).toMatchObject({ sql: expect.stringContaining('"owner_sub" = ?'), params: ["r"] });
  });

  it("sees none of the rows of a table without the column a scope needs", () => {
    expect(where({ grids: ["440703001001001"] }, { division: rows.division }).sql).toContain("where 0");
    expect(where({ ownerSub: "r" }, { division: rows.division }).sql).toContain("where 0");
  });
});
