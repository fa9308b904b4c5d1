import { describeSchema, declaredDatabase, migratedDatabase } from "@civicgrid/testing/schema-drift";
import fs from "node:fs";
import path from "node:path";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import * as tables from "../../src/store/tables";

const services = path.join(import.meta.dirname, "../../../../services");
const fixture = path.join(import.meta.dirname, "../fixture/migrations");

/** The tables a list of SQL files builds. */
function built(...files: string[]) {
  const db = new DatabaseSync(":memory:");
  for (const file of files) db.exec(fs.readFileSync(file, "utf8"));
  return describeSchema(db);
}

describe("the shared tables", () => {
  it("declare idempotency_keys exactly as every service's first migration creates it", async () => {
    const declared = describeSchema(await declaredDatabase({ idempotencyKeys: tables.idempotencyKeys }));
    for (const service of fs.readdirSync(services)) {
      const init = path.join(services, service, "migrations", "0001_init.sql");
      if (!fs.existsSync(init)) continue;
      expect(built(init).idempotency_keys, service).toEqual(declared.idempotency_keys);
    }
  });

  it("declare the outbox the registry and roster migrate to (registry's 0006, roster's 0004)", async () => {
    const declared = describeSchema(await declaredDatabase({ outbox: tables.outbox }));
    for (const service of ["registry", "roster"]) {
      expect(describeSchema(migratedDatabase(path.join(services, service, "migrations"))).outbox).toEqual(
        declared.outbox,
      );
    }
  });

  it("are what the kit's test fixture migrates", async () => {
    const declared = describeSchema(await declaredDatabase(tables));
    expect(describeSchema(migratedDatabase(fixture), ["notes"])).toEqual(declared);
  });
});
