import { sha256Hex, type CronJob } from "@civicgrid/http";
import { digestItems, groupByRecipient } from "./domain/digest";
import { render } from "./domain/template";
import type { Env } from "./env";
import { deliveryId } from "./queue/plan";
import { dbOf } from "./store/db";
import { deferredDue, foldIntoDigest, releaseDeferred as releaseOne } from "./store/deliveries";
import { templateOf } from "./store/rules";

/**
 * Deferred pushes whose time has come go out, one per recipient. A lone one is sent as it is; several become
 * one digest delivery (the originals marked `digested` with its id). The digest's id derives from the ids it
 * folds, and the fold is one batch, so a rerun adds nothing.
 */
export async function releaseDeferred(env: Env, at: Date): Promise<{ released: number; digests: number }> {
  const db = dbOf(env.DB);
  const now = at.toISOString();
  const due = await deferredDue(db, now);
  const template = await templateOf(db, "digest");
  if (!template) throw new Error("the digest template is missing: migrations not applied");
  const ready: string[] = [];
  let digests = 0;
  for (const pushes of groupByRecipient(due)) {
    const first = pushes[0]!;
    if (pushes.length === 1) {
      await releaseOne(db, first.id, now);
      ready.push(first.id);
      continue;
    }
    const eventId = `digest:${(await sha256Hex(pushes.map((p) => p.id).join(","))).slice(0, 32)}`;
    const id = await deliveryId(eventId, first.recipientKey, first.channel);
    const vars = { count: pushes.length, items: digestItems(pushes) };
    const digest = {
      ...first,
      id,
      eventId,
      eventType: "notifications.digest",
      templateCode: "digest",
      title: render(template.title, vars),
      body: render(template.body, vars),
      urgent: false,
      status: "pending" as const,
      createdAt: now,
      updatedAt: now,
    };
    await foldIntoDigest(
      db,
      digest,
      pushes.map((p) => p.id),
    );
    ready.push(id);
    digests++;
  }
  for (let i = 0; i < ready.length; i += 100) {
    await env.DELIVERY.sendBatch(ready.slice(i, i + 100).map((deliveryId) => ({ body: { deliveryId } })));
  }
  return { released: due.length, digests };
}

/** The service's scheduled work, keyed by the cron expression of its trigger in wrangler.toml. */
export const cronJobs: Record<string, CronJob<Env>> = {
  "*/10 * * * *": (env, _ctx, at) => releaseDeferred(env, at),
};
