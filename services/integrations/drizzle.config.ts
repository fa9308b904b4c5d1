import { defineConfig } from "drizzle-kit";

// `npm run db:generate -w services/integrations -- --name <what>` writes the next migration from src/store/schema.ts.
export default defineConfig({ dialect: "sqlite", schema: "./src/store/schema.ts", out: "./migrations" });
