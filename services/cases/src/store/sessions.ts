import { AppError } from "@civicgrid/http";
import { drizzle } from "drizzle-orm/d1";
import type { Db } from "./db";
import type { ReadModel } from "./shards";

/**
 * D1 read replication through the Sessions API (issue 17). A request carries `x-d1-bookmark: <county6>=<bookmark>,…`
 * (the first 6 digits of a county's code, the bookmark of that county's shard); a read of a shard starts from the
 * caller's bookmark, so it sees at least what the caller wrote, and without one from any replica
 * ("first-unconstrained"); a write starts at the primary ("first-primary"). The response hands back the latest
 * bookmark of every shard the request used, with the entries it was given for the others.
 */
export const BOOKMARK_HEADER = "x-d1-bookmark";

const ENTRY = /^(\d{6})=([A-Za-z0-9._:-]{1,256})$/;
/** More entries than a city has counties is no bookmark set of ours. */
const MAX_ENTRIES = 64;
const FIELD = `header.${BOOKMARK_HEADER}`;

/** The header's entries by shard; a malformed header is refused (400 naming it). */
export function parseBookmarks(header: string | undefined): Map<string, string> {
  const entries = new Map<string, string>();
  if (header === undefined || header.trim() === "") return entries;
  const parts = header.split(",");
  if (parts.length > MAX_ENTRIES) throw AppError.field(FIELD, `at most ${MAX_ENTRIES} entries`);
  for (const part of parts) {
    const match = ENTRY.exec(part.trim());
    if (!match)
      throw AppError.field(FIELD, "entries are <first 6 digits of a county code>=<bookmark>, separated by commas");
    entries.set(match[1]!, newer(entries.get(match[1]!), match[2]!));
  }
  return entries;
}

export function formatBookmarks(entries: ReadonlyMap<string, string>): string {
  return [...entries]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([county6, bookmark]) => `${county6}=${bookmark}`)
    .join(",");
}

/** D1 bookmarks sort by commit order as text (what the D1 session itself does when it advances its own). */
export const newer = (a: string | undefined, b: string): string => (a !== undefined && a > b ? a : b);

/** Folds the entries of `from` into `into`, keeping the newer bookmark of each shard. */
export function mergeBookmarks(into: Map<string, string>, from: ReadonlyMap<string, string>): Map<string, string> {
  for (const [county6, bookmark] of from) into.set(county6, newer(into.get(county6), bookmark));
  return into;
}

/**
 * The shard sessions of one request: one D1 session per shard it uses, opened at the caller's bookmark for that
 * shard (else any replica for a read, the primary for a write), and the bookmarks they reached.
 */
export class ShardSessions {
  private readonly open = new Map<string, { session: D1DatabaseSession; db: Db }>();

  constructor(private readonly given: ReadonlyMap<string, string> = new Map()) {}

  /** The shard through this request's session; the first use of a shard decides where its session starts. */
  db(model: ReadModel, use: "read" | "write" = "read"): Db {
    let open = this.open.get(model.county6);
    if (!open) {
      const session = model.db.withSession(
        this.given.get(model.county6) ?? (use === "write" ? "first-primary" : "first-unconstrained"),
      );
      // drizzle's D1 driver only calls prepare() and batch(), which a session has as the database does.
      open = { session, db: drizzle(session as unknown as D1Database) };
      this.open.set(model.county6, open);
    }
    return open.db;
  }

  /** The entries given, advanced to what each session used has seen. */
  latest(): Map<string, string> {
    const out = new Map(this.given);
    for (const [county6, { session }] of this.open) {
      const bookmark = session.getBookmark();
      if (bookmark) out.set(county6, newer(out.get(county6), bookmark));
    }
    return out;
  }
}
