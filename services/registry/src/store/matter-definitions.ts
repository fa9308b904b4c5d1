import { scrubPublicText, type AdmissionItem, type MatterAttribute, type MatterDefinition, type PublicMatter } from "@civicgrid/contracts";

export interface DefinitionRow {
  matter_code: string;
  description: string;
  keywords: string;
  group_name: string | null;
  attributes: string;
  listed: number;
  version: number;
  updated_at: string;
}

export function definitionOf(row: DefinitionRow): MatterDefinition {
  return {
    matterCode: row.matter_code,
    description: row.description,
    keywords: JSON.parse(row.keywords) as string[],
    group: row.group_name,
    attributes: JSON.parse(row.attributes) as MatterAttribute[],
    listed: row.listed === 1,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

export async function definitionRow(db: D1Database, matterCode: string): Promise<DefinitionRow | null> {
  return db.prepare("SELECT * FROM matter_definitions WHERE matter_code = ?1").bind(matterCode).first<DefinitionRow>();
}

/** Codes of the matters kept out of every public list: demo and test configuration (listed = 0). */
export async function unlistedCodes(db: D1Database): Promise<Set<string>> {
  const { results } = await db.prepare("SELECT matter_code FROM matter_definitions WHERE listed = 0").all<{ matter_code: string }>();
  return new Set(results.map((r) => r.matter_code));
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
export async function publicMattersOf(db: D1Database, items: readonly AdmissionItem[]): Promise<PublicMatter[]> {
  if (items.length === 0) return [];
  const codes = JSON.stringify(items.map((i) => i.matterCode));
  const [definitions, categories] = await db.batch([
    db.prepare("SELECT * FROM matter_definitions WHERE matter_code IN (SELECT value FROM json_each(?1))").bind(codes),
    db.prepare("SELECT code, name, description FROM matter_categories"),
  ]);
  const byCode = new Map(((definitions?.results ?? []) as DefinitionRow[]).map((r) => [r.matter_code, definitionOf(r)]));
  const category = new Map(((categories?.results ?? []) as { code: string; name: string; description: string }[]).map((r) => [r.code, r]));
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
        group: scrubPublicText(definition?.group ?? kind?.name ?? item.responsibleDepartmentKind),
        attributes: [...(definition?.attributes ?? [])].sort((a, b) => a.order - b.order).map(scrubAttribute),
      };
    });
}
