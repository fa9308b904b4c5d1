import { drizzle } from "drizzle-orm/d1";
import * as schema from "./schema";

/** The service's D1 database through drizzle: every query of the service goes through one of these. */
export const dbOf = (d1: D1Database) => drizzle(d1, { schema });
export type Db = ReturnType<typeof dbOf>;
