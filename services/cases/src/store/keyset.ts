import type { CursorKey } from "@civicgrid/http";
import { and, eq, lt, or, type SQL } from "drizzle-orm";
import type { AnySQLiteColumn } from "drizzle-orm/sqlite-core";

/** Newest first, after the cursor's (created_at, id): the order of the (…, created_at DESC, id DESC) indexes. */
export function before(createdAt: AnySQLiteColumn, id: AnySQLiteColumn, after: CursorKey | undefined): SQL | undefined {
  if (!after) return undefined;
  const [at, last] = after;
  return or(lt(createdAt, at), and(eq(createdAt, at), lt(id, last)));
}
