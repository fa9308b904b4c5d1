import { defineConfig } from "drizzle-kit";

// The identity shards' own SQLite: `npm run db:identity -w services/basedata -- --name <what>` writes the next
// migration here and regenerates src/identity/migrations.ts (see scripts/do-migrations.mjs).
export default defineConfig({
  dialect: "sqlite",
  driver: "durable-sqlite",
  schema: "./src/identity/schema/index.ts",
  out: "./identity-migrations",
});
