import { schemaDrift } from "@civicgrid/testing/schema-drift";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/store/schema";

type Described = Record<string, { indexes: string[]; uniques: string[] }>;

/**
 * SQLite keeps a UNIQUE column constraint (0002's `id_hash TEXT NOT NULL UNIQUE`) as an unnamed unique index,
 * while drizzle-kit writes `.unique()` as a named one: both refuse the same rows. So a full unique index (no
 * WHERE) counts as the uniqueness of its columns on both sides; partial unique indexes are compared as written.
 */
function uniquesAsColumns(described: Record<string, unknown>): Described {
  const out: Described = {};
  for (const [table, shape] of Object.entries(described as Described)) {
    const full = (sql: string) => /^create unique index \S+ on \S+?\(([^)]*)\)$/.exec(sql)?.[1];
    const uniques = [...shape.uniques, ...shape.indexes.map(full).filter((c) => c !== undefined)].sort();
    out[table] = { ...shape, indexes: shape.indexes.filter((sql) => full(sql) === undefined), uniques };
  }
  return out;
}

describe("the D1 schema", () => {
  it("built by the migrations is the one src/store/schema.ts declares; drizzle-kit has nothing to write", async () => {
    const migrations = path.join(import.meta.dirname, "../../migrations");
    const { migrated, declared, pending } = await schemaDrift(schema, migrations);
    expect(uniquesAsColumns(declared)).toEqual(uniquesAsColumns(migrated));
    expect(pending).toEqual([]);
  });
});
