/**
 * The base-data service's D1 tables: only what spans villages (the records themselves live in each village's
 * Durable Object). `drizzle-kit generate` writes the migrations from this file; each area keeps its tables in its own
 * file under tables/.
 */
export { idempotencyKeys, outbox } from "@civicgrid/http/tables";
export * from "./tables/villages";
export * from "./tables/counts";
export * from "./tables/settings";
export * from "./tables/imports";
export * from "./tables/privacy";
export * from "./tables/campaigns";
