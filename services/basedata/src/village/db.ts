import { drizzle } from "drizzle-orm/durable-sqlite";
import * as schema from "./schema";

/** The village object's SQLite through drizzle: synchronous, inside the object's own thread. */
export function villageDb(storage: DurableObjectStorage) {
  return drizzle(storage, { schema });
}
export type VillageDb = ReturnType<typeof villageDb>;
