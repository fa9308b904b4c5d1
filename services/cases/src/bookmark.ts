import type { Context } from "hono";

/** Issue 17: the response header that hands a writer's D1 session bookmark to its next read (read your own writes). */
export const BOOKMARK_HEADER = "x-d1-bookmark";

/**
 * `x-d1-bookmark: <county6>=<bookmark>`: the read model's session bookmark after a command's projection, named by the
 * first six digits of the case's county code (the shard its lists are read from). Nothing is set without a bookmark.
 */
export function setBookmark(c: Context, countyCode: string, bookmark: string | null | undefined): void {
  if (bookmark) c.header(BOOKMARK_HEADER, `${countyCode.slice(0, 6)}=${bookmark}`);
}
