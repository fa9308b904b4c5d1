import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "./db";
import { rules, templates } from "./schema";

export type RuleRow = typeof rules.$inferSelect;
export type TemplateRow = typeof templates.$inferSelect;

export function listRules(db: Db, after: string, limit: number): Promise<RuleRow[]> {
  return db.select().from(rules).where(gt(rules.id, after)).orderBy(rules.id).limit(limit);
}

/** The enabled rules of one event type, in id order (the first rule to claim a recipient wins). */
export function enabledRules(db: Db, eventType: string): Promise<RuleRow[]> {
  return db
    .select()
    .from(rules)
    .where(and(eq(rules.eventType, eventType), eq(rules.enabled, true)))
    .orderBy(rules.id);
}

export async function ruleVersion(db: Db, id: string): Promise<number | null> {
  const row = await db.select({ version: rules.version }).from(rules).where(eq(rules.id, id)).get();
  return row?.version ?? null;
}

/** Switches a rule on or off if it is still at `version`; undefined when it changed meanwhile. */
export function switchRule(db: Db, id: string, enabled: boolean, version: number): Promise<RuleRow | undefined> {
  return db
    .update(rules)
    .set({ enabled, version: sql`${rules.version} + 1` })
    .where(and(eq(rules.id, id), eq(rules.version, version)))
    .returning()
    .get();
}

export function listTemplates(db: Db, after: string, limit: number): Promise<TemplateRow[]> {
  return db.select().from(templates).where(gt(templates.code, after)).orderBy(templates.code).limit(limit);
}

export function templateOf(db: Db, code: string): Promise<TemplateRow | undefined> {
  return db.select().from(templates).where(eq(templates.code, code)).get();
}

export async function templatesByCode(db: Db): Promise<Map<string, TemplateRow>> {
  const rows = await db.select().from(templates);
  return new Map(rows.map((t) => [t.code, t]));
}

/**
 * The enabled rules and the templates, each read once for a whole queue batch however many of its events need them
 * (issue 17: they were read again for every event). A batch sees the rules as they were when it first needed them;
 * a change applies from the next batch.
 */
export interface RuleLookups {
  rules(eventType: string): Promise<RuleRow[]>;
  templates(): Promise<Map<string, TemplateRow>>;
}

export function ruleLookups(db: Db): RuleLookups {
  const byType = new Map<string, Promise<RuleRow[]>>();
  let templates: Promise<Map<string, TemplateRow>> | undefined;
  return {
    rules(eventType) {
      let found = byType.get(eventType);
      // Promise.resolve runs drizzle's query once (awaiting the query itself would run it again each time).
      if (!found) byType.set(eventType, (found = Promise.resolve(enabledRules(db, eventType))));
      return found;
    },
    templates: () => (templates ??= templatesByCode(db)),
  };
}
