import { defineConfig } from "drizzle-kit";

// `npm run db:generate -w services/roster -- --name <what>` writes the next migration from src/store/schema.ts.
export default defineConfig({ dialect: "sqlite", schema: "./src/store/schema.ts", out: "./migrations" });
