import { scrubPublicText, type MatterCategoryTree } from "@civicgrid/contracts";
import { asc, eq, sql } from "drizzle-orm";
import { atVersion, guard, type Db, type Statement } from "./db";
import { registryEvent, registryOutbox } from "./outbox";
import { divisions, matterCategories } from "./schema";

export type CategoryRow = typeof matterCategories.$inferSelect;

/** The city on file (the catalogue is the city's, Jiangmen 第九条), or undefined when none is. */
export async function cityOnFile(db: Db): Promise<string | undefined> {
  const city = await db
    .select({ code: divisions.code })
    .from(divisions)
    .where(eq(divisions.level, "city"))
    .orderBy(asc(divisions.code))
    .limit(1)
    .get();
  return city?.code;
}

export function category(db: Db, code: string): Promise<CategoryRow | undefined> {
  return db.select().from(matterCategories).where(eq(matterCategories.code, code)).get();
}

/** The catalogue as the public sees it (向社会公布): a tree, children by code, free text scrubbed. */
export async function publicCategoryTree(db: Db): Promise<MatterCategoryTree[]> {
  const rows = await db
    .select({
      code: matterCategories.code,
      name: matterCategories.name,
      parentCode: matterCategories.parentCode,
      description: matterCategories.description,
    })
    .from(matterCategories)
    .orderBy(asc(matterCategories.code));
  const nodes = new Map<string, MatterCategoryTree>(
    rows.map((r) => [
      r.code,
      { ...r, name: scrubPublicText(r.name), description: scrubPublicText(r.description), children: [] },
    ]),
  );
  const roots: MatterCategoryTree[] = [];
  for (const node of nodes.values()) (node.parentCode ? nodes.get(node.parentCode)?.children : roots)?.push(node);
  return roots;
}

const changedEvent = (db: Db, code: string, version: number) =>
  registryOutbox(
    db,
    registryEvent("registry.matter_categories.changed", `category:${code}`, version, { categoryCode: code }),
  );

export function addCategory(db: Db, row: typeof matterCategories.$inferInsert): Statement[] {
  return [db.insert(matterCategories).values(row), changedEvent(db, row.code, 1)];
}

export function updateCategory(
  db: Db,
  before: CategoryRow,
  patch: Pick<CategoryRow, "name" | "description" | "updatedAt">,
): Statement[] {
  return [
    guard(
      db,
      atVersion(matterCategories, matterCategories.code, before.code, matterCategories.version, before.version),
    ),
    db
      .update(matterCategories)
      .set({ ...patch, version: sql`${matterCategories.version} + 1` })
      .where(eq(matterCategories.code, before.code)),
    changedEvent(db, before.code, before.version + 1),
  ];
}
