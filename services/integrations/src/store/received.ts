import { desc, eq } from "drizzle-orm";
import { dbOf } from "./db";
import { receivedCallbacks } from "./schema";

type Row = typeof receivedCallbacks.$inferSelect;
export type Received = Omit<Row, "body"> & { body: unknown };

/** Keeps what the local receiver got: the three headers, the raw body, the body parsed, and whether it verified. */
export async function saveReceived(d1: D1Database, received: Omit<Received, "id" | "receivedAt">): Promise<void> {
  const row = { ...received, body: JSON.stringify(received.body), receivedAt: new Date().toISOString() };
  await dbOf(d1).insert(receivedCallbacks).values(row).run();
}

/** The last 100 callbacks the receiver got for a platform, newest first. */
export async function receivedOf(d1: D1Database, platform: string): Promise<Received[]> {
  const rows = await dbOf(d1)
    .select()
    .from(receivedCallbacks)
    .where(eq(receivedCallbacks.platform, platform))
    .orderBy(desc(receivedCallbacks.id))
    .limit(100)
    .all();
  // A JSON column that may hold the JSON null, which drizzle's json mode would store as SQL NULL.
  return rows.map((r) => ({ ...r, body: JSON.parse(r.body) as unknown }));
}
