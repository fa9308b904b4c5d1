import { schemaDrift } from "@civicgrid/testing/schema-drift";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/store/schema";

type Described = Record<string, { indexes: string[]; uniques: string[] }>;

/**
 * `UNIQUE (a, b)` in a CREATE TABLE (0002: grids, layouts) and `CREATE UNIQUE INDEX ... (a, b)` are the same
 * rule to SQLite, but drizzle-kit can only write the second. Both are compared as the column lists they
 * make unique, so either spelling passes and a unique rule on other columns still fails.
 */
function uniquesFolded(described: Record<string, unknown>): Described {
  const out: Described = {};
  for (const [table, shape] of Object.entries(described as Described)) {
    const plain = (ix: string) => /^create unique index \S+ on \S+\(([^)]*)\)$/.exec(ix)?.[1];
    const folded = shape.indexes.map(plain).filter((cols): cols is string => cols !== undefined);
    out[table] = {
      ...shape,
      indexes: shape.indexes.filter((ix) => plain(ix) === undefined),
      uniques: [...shape.uniques, ...folded].sort(),
    };
  }
  return out;
}

describe("the D1 schema", () => {
  it("built by the SQL migrations is the one src/store/schema.ts declares, and drizzle-kit has nothing left to generate", async () => {
    const { migrated, declared, pending } = await schemaDrift(schema, path.join(import.meta.dirname, "../../migrations"));
    expect(uniquesFolded(declared)).toEqual(uniquesFolded(migrated));
    expect(pending).toEqual([]);
  });
});
