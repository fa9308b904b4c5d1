import { schemaDrift } from "@civicgrid/testing/schema-drift";
import path from "node:path";
import { describe, expect, it } from "vitest";
import * as schema from "../../src/store/schema";
import * as identity from "../../src/identity/schema";
import * as village from "../../src/village/schema";

describe("the schemas", () => {
  it("D1: the SQL migrations build what src/store/schema.ts declares, and drizzle-kit has nothing left to generate", async () => {
    const { migrated, declared, pending } = await schemaDrift(
      schema,
      path.join(import.meta.dirname, "../../migrations"),
    );
    expect(declared).toEqual(migrated);
    expect(pending).toEqual([]);
  });

  it("the village object: its migrations build what src/village/schema declares, with nothing left to generate", async () => {
    const dir = path.join(import.meta.dirname, "../../village-migrations");
    const { migrated, declared, pending } = await schemaDrift(village, dir);
    expect(declared).toEqual(migrated);
    expect(pending).toEqual([]);
  });

  it("the identity shards: their migrations build what src/identity/schema declares, with nothing left to generate", async () => {
    const dir = path.join(import.meta.dirname, "../../identity-migrations");
    const { migrated, declared, pending } = await schemaDrift(identity, dir);
    expect(declared).toEqual(migrated);
    expect(pending).toEqual([]);
  });
});
