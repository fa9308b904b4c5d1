import { defineConfig } from "drizzle-kit";

// The village object's own SQLite (one Durable Object per village): `npm run db:village -w services/basedata --
// --name <what>` writes the next migration here and regenerates src/village/migrations.ts, which the object runs
// through drizzle's durable-sqlite migrator when it starts (see scripts/do-migrations.mjs).
export default defineConfig({
  dialect: "sqlite",
  driver: "durable-sqlite",
  schema: "./src/village/schema/index.ts",
  out: "./village-migrations",
});
