import type { NewVisit, Visit } from "@civicgrid/contracts";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { call, doorInGrid1, GRID_1, VILLAGE, who } from "./helpers";

/**
 * People, tags and houses written straight into the village object's tables: the collection of people and houses
 * (person.register, tag.add, house.upsert) is another part of the issue, so these tests stand the records in
 * rather than submitting changes this branch cannot apply yet. Sequences from 900000 keep clear of real ids.
 */
let seq = 900_000;
export const villageObject = () => env.VILLAGE.get(env.VILLAGE.idFromName(VILLAGE));

async function sql(statement: string, ...bindings: unknown[]) {
  await runInDurableObject(villageObject(), (_instance, state) => {
    state.storage.sql.exec(statement, ...bindings);
  });
}

/** A present person in `gridCode` of the test village, with tags `{ kind, start }`; answers the person's id. */
export async function personWithTags(
  gridCode: string,
  tags: { kind: string; start: string }[] = [],
  name = "张三丰",
): Promise<string> {
  await doorInGrid1(); // the village holds base data (D1 villages) and its object exists
  const id = `pe-${VILLAGE}-${++seq}`;
  const at = new Date().toISOString();
  await sql(
    `INSERT INTO people (id, document, name, gender, person_type, relation, grid_code, status, created_at, updated_at)
     VALUES (?, 'resident_id', ?, 'male', 'registered', 'head', ?, 'present', ?, ?)`,
    id,
    name,
    gridCode,
    at,
    at,
  );
  for (const t of tags)
    await sql(
      `INSERT INTO tags (id, person_id, kind, reason, source, start, created_by, created_at)
       VALUES (?, ?, ?, '测试', 'test', ?, 't-village', ?)`,
      `tg-${VILLAGE}-${++seq}`,
      id,
      t.kind,
      t.start,
      at,
    );
  return id;
}

/** A house at a new door number in grid 1; answers its id. */
export async function houseInGrid1(): Promise<string> {
  const { door } = await doorInGrid1();
  const id = `ho-${VILLAGE}-${++seq}`;
  const at = new Date().toISOString();
  await sql(
    `INSERT INTO houses (id, address_id, grid_code, use, created_at, updated_at) VALUES (?, ?, ?, 'residential', ?, ?)`,
    id,
    door,
    "440703001001001",
    at,
    at,
  );
  return id;
}

export const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

/** A visit body to `targetId` (a person unless said) at grid 1's point, an hour ago. */
export function visitBody(targetId: string, overrides: Partial<NewVisit> = {}): Partial<NewVisit> {
  return {
    targetKind: "person",
    targetId,
    visitedAt: daysAgo(1 / 24),
    ...GRID_1,
    outcome: "在家，情况稳定",
    needs: [],
    ...overrides,
  };
}

export async function recorded(body: Partial<NewVisit>, principal = who.gridWorker): Promise<Visit> {
  const res = await call(principal, "POST", "/v1/basedata/visits", body);
  if (res.status !== 201) throw new Error(`visit refused ${res.status}: ${await res.text()}`);
  return res.json<Visit>();
}

const pending = () =>
  runInDurableObject(villageObject(), (_i, state) => state.storage.sql.exec("SELECT id FROM outbox").toArray().length);

/**
 * Delivers the village object's outbox: runs its alarm, and waits while an alarm that fired on its own is still
 * delivering, until nothing is left (or two seconds pass).
 */
export async function deliverVillageOutbox(): Promise<void> {
  for (let i = 0; i < 40 && (await pending()) > 0; i++) {
    if (!(await runDurableObjectAlarm(villageObject()))) await new Promise((r) => setTimeout(r, 50));
  }
}
