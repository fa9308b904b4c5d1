import {
  scrubPublicText,
  type AdmissionItem,
  type MatterAttribute,
  type MatterDefinition,
  type PublicMatter,
} from "@civicgrid/contracts";
import { eq, sql } from "drizzle-orm";
import { atVersion, guard, inJson, type Db, type Statement } from "./db";
import { matterCategories, matterDefinitions as definitions } from "./schema";

export type DefinitionRow = typeof definitions.$inferSelect;

/** The API's MatterDefinition: the row, its group under the API's name, without who last edited it. */
export function definitionOf({ groupName, updatedBy: _, ...row }: DefinitionRow): MatterDefinition {
  return { ...row, group: groupName };
}

export function definitionRow(db: Db, matterCode: string): Promise<DefinitionRow | undefined> {
  return db.select().from(definitions).where(eq(definitions.matterCode, matterCode)).get();
}

type DefinitionValues = Omit<typeof definitions.$inferInsert, "version">;

export function insertDefinition(db: Db, values: DefinitionValues): Statement[] {
  return [db.insert(definitions).values(values)];
}

export function replaceDefinition(db: Db, before: DefinitionRow, values: DefinitionValues): Statement[] {
  return [
    guard(db, atVersion(definitions, definitions.matterCode, before.matterCode, definitions.version, before.version)),
    db
      .update(definitions)
      .set({ ...values, version: sql`${definitions.version} + 1` })
      .where(eq(definitions.matterCode, before.matterCode)),
  ];
}

/** Codes of the matters kept out of every public list: demo and test configuration (listed = 0). */
export async function unlistedCodes(db: Db): Promise<Set<string>> {
  const rows = await db
    .select({ matterCode: definitions.matterCode })
    .from(definitions)
    .where(eq(definitions.listed, false));
  return new Set(rows.map((r) => r.matterCode));
}

const scrubAttribute = (a: MatterAttribute): MatterAttribute => ({
  ...a,
  description: scrubPublicText(a.description),
  ...(a.values ? { values: a.values.map((v) => ({ key: v.key, name: scrubPublicText(v.name) })) } : {}),
});

/**
 * Admission items as the public sees them (Open311 services): description, keywords and group from the city's
 * catalogue (the matter's definition, else its category's description and name), its extra questions, every
 * free text scrubbed on the way out. Matters the catalogue does not list publicly are left out.
 */
export async function publicMattersOf(db: Db, items: readonly AdmissionItem[]): Promise<PublicMatter[]> {
  if (items.length === 0) return [];
  const [defined, categories] = await db.batch([
    db
      .select()
      .from(definitions)
      .where(
        inJson(
          definitions.matterCode,
          items.map((i) => i.matterCode),
        ),
      ),
    db
      .select({ code: matterCategories.code, name: matterCategories.name, description: matterCategories.description })
      .from(matterCategories),
  ]);
  const byCode = new Map(defined.map((r) => [r.matterCode, r]));
  const category = new Map(categories.map((r) => [r.code, r]));
  return items
    .filter((item) => byCode.get(item.matterCode)?.listed !== false)
    .map((item) => {
      const definition = byCode.get(item.matterCode);
      const kind = category.get(item.categoryCode);
      return {
        matterCode: item.matterCode,
        name: scrubPublicText(item.name),
        categoryCode: item.categoryCode,
        description: scrubPublicText(definition?.description || kind?.description || ""),
        keywords: (definition?.keywords ?? []).map((k) => scrubPublicText(k)),
        group: scrubPublicText(definition?.groupName ?? kind?.name ?? item.responsibleDepartmentKind),
        attributes: [...(definition?.attributes ?? [])].sort((a, b) => a.order - b.order).map(scrubAttribute),
      };
    });
}
