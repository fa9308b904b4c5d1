import { declaredDatabase, describeSchema } from "@civicgrid/testing/schema-drift";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { ADD_INTEGRATIONS_COLUMN, SCHEMA } from "../../src/do/ddl";
import * as schema from "../../src/do/schema";

const LEGACY_OUTBOX = `CREATE TABLE outbox (version INTEGER PRIMARY KEY, envelope TEXT NOT NULL, notify_sent INTEGER NOT NULL DEFAULT 0,
  assess_sent INTEGER NOT NULL DEFAULT 0)`;

describe("the CaseDO's SQLite schema", () => {
  it("created by its DDL is the one src/do/schema.ts declares, for new objects and for those from before", async () => {
    const declared = describeSchema(await declaredDatabase(schema));
    const fresh = new DatabaseSync(":memory:");
    for (const ddl of SCHEMA) fresh.exec(ddl);
    expect(describeSchema(fresh)).toEqual(declared);
    // An object from before the integrations queue: its outbox gains the column, the rest is created as is.
    const legacy = new DatabaseSync(":memory:");
    legacy.exec(LEGACY_OUTBOX);
    for (const ddl of SCHEMA) legacy.exec(ddl);
    for (const statement of ADD_INTEGRATIONS_COLUMN) legacy.exec(statement);
    expect(describeSchema(legacy)).toEqual(declared);
  });
});
