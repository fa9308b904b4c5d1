import { kindOfId, maskName } from "@civicgrid/contracts";
import { and, gt, inArray, isNull, or } from "drizzle-orm";
import { shanghaiDay } from "../../domain/visit-plan";
import type { VillageDb } from "../db";
import { people, tags, units } from "../schema";

/** A dispute's party as this village knows it: masked name, grid and, for a person, the kinds of open tags. */
export interface VillageParty {
  name: string;
  gridCode: string | null;
  tagKinds: string[];
}

/** At most 90 ids a statement: the object's SQLite binds no more than 100 values in one. */
const chunks = (ids: readonly string[]) =>
  Array.from({ length: Math.ceil(ids.length / 90) }, (_, i) => ids.slice(i * 90, i * 90 + 90));

/**
 * The people and units among `ids` held here (absent ids are left out). Names leave the object masked; tag kinds go
 * to the cases service's risk rules only (a party tagged in crisis or a special group, Gansu 二(一)1(3)), never shown.
 */
export function partiesOf(db: VillageDb, ids: readonly string[], now: Date): Record<string, VillageParty> {
  const today = shanghaiDay(now);
  const out: Record<string, VillageParty> = {};
  const personIds = ids.filter((id) => kindOfId(id) === "person");
  const unitIds = ids.filter((id) => kindOfId(id) === "unit");
  // People and units answer the same three columns; a person also the kinds of their open tags.
  const read = (table: typeof people | typeof units, chunk: string[]) => {
    const rows = db
      .select({ id: table.id, name: table.name, gridCode: table.gridCode })
      .from(table)
      .where(inArray(table.id, chunk))
      .all();
    for (const r of rows) out[r.id] = { name: maskName(r.name), gridCode: r.gridCode, tagKinds: [] };
  };
  for (const chunk of chunks(personIds)) {
    read(people, chunk);
    const open = db
      .selectDistinct({ personId: tags.personId, kind: tags.kind })
      .from(tags)
      .where(and(inArray(tags.personId, chunk), or(isNull(tags.end), gt(tags.end, today))))
      .all();
    for (const t of open) out[t.personId]?.tagKinds.push(t.kind);
  }
  for (const chunk of chunks(unitIds)) read(units, chunk);
  for (const party of Object.values(out)) party.tagKinds.sort();
  return out;
}
