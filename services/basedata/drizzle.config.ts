import { defineConfig } from "drizzle-kit";

// `npm run db:generate -w services/basedata -- --name <what>` writes the next D1 migration from src/store/schema.ts.
export default defineConfig({ dialect: "sqlite", schema: "./src/store/schema.ts", out: "./migrations" });
