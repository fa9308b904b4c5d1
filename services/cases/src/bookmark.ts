import type { Context } from "hono";
import { BOOKMARK_HEADER } from "./store/sessions";

/**
 * `x-d1-bookmark: <county6>=<bookmark>`: the read model's session bookmark after a command's projection, named by the
 * first six digits of the case's county code (the shard its lists are read from). Nothing is set without a bookmark;
 * the shard-sessions middleware (read-models.ts) merges it with the bookmarks of the shards the request read.
 */
export function setBookmark(c: Context, countyCode: string, bookmark: string | null | undefined): void {
  if (bookmark) c.header(BOOKMARK_HEADER, `${countyCode.slice(0, 6)}=${bookmark}`);
}
