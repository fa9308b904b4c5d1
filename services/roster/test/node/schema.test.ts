import { schemaDrift } from "@civicgrid/testing/schema-drift";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/store/schema";

describe("the D1 schema", () => {
  it("built by the SQL migrations is the one src/store/schema.ts declares, and drizzle-kit has nothing left to generate", async () => {
    const { migrated, declared, pending } = await schemaDrift(
      schema,
      path.join(import.meta.dirname, "../../migrations"),
    );
    expect(declared).toEqual(migrated);
    expect(pending).toEqual([]);
  });
});
