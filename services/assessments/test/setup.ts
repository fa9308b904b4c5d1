import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// DB (city-wide) and every county's FACTS_* shard (issue 17): the same migrations, so every shard has the same schema.
await Promise.all(env.TEST_D1_BINDINGS.map((binding) => applyD1Migrations(env[binding as "DB"], env.TEST_MIGRATIONS)));
