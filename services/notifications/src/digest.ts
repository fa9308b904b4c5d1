import { sha256Hex } from "@civicgrid/http";
import { render } from "./domain/template";
import type { TemplateRow } from "./domain/rules";
import type { Env } from "./env";
import { deliveryId } from "./queues/plan";

interface DeferredRow {
  id: string;
  recipient_key: string;
  channel: string;
  address: string | null;
  title: string;
  division_code: string;
}

/** How many titles a digest SMS quotes before it says how many more there are. */
const LISTED = 8;

function itemsText(rows: DeferredRow[]): string {
  const listed = rows.slice(0, LISTED).map((r, i) => `${i + 1}.${r.title}`);
  if (rows.length > LISTED) listed.push(`等${rows.length}条`);
  return listed.join("；");
}

/**
 * The cron job: deferred pushes whose time has come go out, one per recipient. A lone one is sent
 * as it is; several become one digest delivery (the originals marked `digested` with its id). The
 * digest's id derives from the ids it folds, and the fold is one batch, so a rerun adds nothing.
 */
export async function releaseDeferred(env: Env, at: Date): Promise<{ released: number; digests: number }> {
  const { results } = await env.DB.prepare("SELECT id, recipient_key, channel, address, title, division_code FROM deliveries WHERE status = 'deferred' AND due_at <= ?1 ORDER BY created_at, id LIMIT 1000")
    .bind(at.toISOString())
    .all<DeferredRow>();
  const groups = new Map<string, DeferredRow[]>();
  for (const row of results) {
    const key = `${row.channel}\n${row.recipient_key}\n${row.address ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), row]);
  }
  const template = await env.DB.prepare("SELECT * FROM templates WHERE code = 'digest'").first<TemplateRow>();
  if (!template) throw new Error("the digest template is missing: migrations not applied");
  const now = at.toISOString();
  const ready: string[] = [];
  let digests = 0;
  for (const rows of groups.values()) {
    const first = rows[0]!;
    if (rows.length === 1) {
      await env.DB.prepare("UPDATE deliveries SET status = 'pending', updated_at = ?2 WHERE id = ?1 AND status = 'deferred'").bind(first.id, now).run();
      ready.push(first.id);
      continue;
    }
    const eventId = `digest:${(await sha256Hex(rows.map((r) => r.id).join(","))).slice(0, 32)}`;
    const id = await deliveryId(eventId, first.recipient_key, first.channel);
    const vars = { count: rows.length, items: itemsText(rows) };
    await env.DB.batch([
      env.DB.prepare(
        `INSERT OR IGNORE INTO deliveries (id, event_id, event_type, recipient_key, channel, address, template_code, title, body, urgent, division_code, status, created_at, updated_at)
         VALUES (?1, ?2, 'notifications.digest', ?3, ?4, ?5, 'digest', ?6, ?7, 0, ?8, 'pending', ?9, ?9)`,
      ).bind(id, eventId, first.recipient_key, first.channel, first.address, render(template.title, vars), render(template.body, vars), first.division_code, now),
      ...rows.map((r) => env.DB.prepare("UPDATE deliveries SET status = 'digested', digest_id = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'deferred'").bind(r.id, id, now)),
    ]);
    ready.push(id);
    digests++;
  }
  for (let i = 0; i < ready.length; i += 100) {
    await env.DELIVERY.sendBatch(ready.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } })));
  }
  return { released: results.length, digests };
}
