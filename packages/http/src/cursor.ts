import { AppError } from "./errors";

/** Cursors are opaque to clients: base64url of the sort key of the last item seen. */
export type CursorKey = (string | number)[];

export function encodeCursor(key: CursorKey): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

export function decodeCursor(cursor: string | undefined, arity: number): CursorKey | undefined {
  if (cursor === undefined) return undefined;
  try {
    const binary = atob(cursor.replaceAll("-", "+").replaceAll("_", "/"));
    const key: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (ch) => ch.charCodeAt(0))));
    if (
      Array.isArray(key) &&
      key.length === arity &&
      key.every((v) => typeof v === "string" || typeof v === "number")
    ) {
      return key as CursorKey;
    }
  } catch {
    // fall through to the refusal below
  }
  throw AppError.field("query.cursor", "not a cursor this list handed out");
}

/** Cuts a page of `limit` from rows fetched with `limit + 1`, and makes the next cursor. */
export function toPage<T>(
  rows: T[],
  limit: number,
  keyOf: (row: T) => CursorKey,
): { items: T[]; nextCursor: string | null } {
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}
