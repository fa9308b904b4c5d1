import type { NewVisit, TagKindCode, Visit } from "@civicgrid/contracts";
import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { call, entered, GRID_1, houseInGrid, idNumberOf, registered, VILLAGE, who } from "./helpers";

/** People, tags and houses of the visit tests, entered and verified by the village's agency through the public API. */
let seq = 0;
export const villageObject = () => env.VILLAGE.get(env.VILLAGE.idFromName(VILLAGE));

/** A present person in `gridCode` of the test village, with tags `{ kind, start }`; answers the person's id. */
export async function personWithTags(
  gridCode: string,
  tags: { kind: string; start: string }[] = [],
  name = "张三丰",
): Promise<string> {
  const house = await houseInGrid(gridCode.endsWith("002") ? 2 : 1);
  // Born 1950-1980, a sequence per person: a valid resident ID number no other test uses.
  const id = ++seq;
  const birth = `${1950 + (id % 30)}0${1 + (id % 9)}1${id % 10}`;
  const person = await registered(idNumberOf("440703", birth, String(100 + (id % 900)).padStart(3, "0")), house, {
    name,
  });
  for (const t of tags)
    await entered({
      kind: "tag.add",
      personId: person,
      tagKind: t.kind as TagKindCode,
      reason: "测试",
      source: "test",
      start: t.start.slice(0, 10),
    });
  return person;
}

/** A house at a new door number in grid 1; answers its id. */
export const houseInGrid1 = () => houseInGrid(1);

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
