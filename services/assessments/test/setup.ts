import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { allFactsBindings } from "./shards";

// Every D1 database of the service carries the same schema: DB (city-wide) and each county's FACTS_* shard.
for (const d1 of [env.DB, ...allFactsBindings()]) await applyD1Migrations(d1, env.TEST_MIGRATIONS);
