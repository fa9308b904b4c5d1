import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { enqueueCounts } from "../src/village/counts";
import { villageDb } from "../src/village/db";
import { households, houses, meta, outbox, people, tags, units } from "../src/village/schema";
import { VILLAGE } from "./helpers";

export const G1 = "440703001001001";
export const G2 = "440703001001002";

/** The village object of a village code, as the service names it. */
export const villageObject = (code = VILLAGE) => env.VILLAGE.get(env.VILLAGE.idFromName(code));

const at = "2026-12-01T00:00:00.000Z";
let n = 900_000;
const id = (prefix: string) => `${prefix}-${VILLAGE}-${++n}`;

/**
 * TEST FIXTURE, until the handlers of houses, people, units and tags land (other helpers of issue 14): writes such
 * records straight into the village object's tables, then asks for a recount as an applied change does. Answers the
 * ids written. Grid 1: a household of two registered people (one tagged 独居老人, one 社区矫正 whose tag ended
 * yesterday), a floating tenant, a rented house and a house for own use, someone who moved out; grid 2: a foreign
 * resident alone, an open unit and a closed one.
 */
export async function seedVillageRecords(): Promise<{ people: string[] }> {
  return runInDurableObject(villageObject(), async (_instance, state) => {
    const db = villageDb(state.storage);
    const [head, spouse, tenant, gone, foreigner] = [1, 2, 3, 4, 5].map(() => id("pe"));
    const [home, abroad] = [id("hh"), id("hh")];
    const person = (pid: string, gridCode: string, personType: "registered" | "floating" | "foreign", extra = {}) => ({
      id: pid,
      document: "resident_id" as const,
      name: "测试人",
      gender: "unknown" as const,
      personType,
      relation: "self",
      gridCode,
      status: "present" as const,
      createdAt: at,
      updatedAt: at,
      ...extra,
    });
    db.transaction((tx) => {
      tx.insert(households)
        .values([
          { id: home, headPersonId: head!, createdAt: at },
          { id: abroad, headPersonId: null, createdAt: at },
        ])
        .run();
      tx.insert(people)
        .values([
          person(head!, G1, "registered", { householdId: home, name: "张三丰", idMasked: "440703********1234" }),
          person(spouse!, G1, "registered", { householdId: home, relation: "spouse" }),
          person(tenant!, G1, "floating"),
          person(gone!, G1, "registered", { status: "moved_out" }),
          person(foreigner!, G2, "foreign", { householdId: abroad, document: "passport" }),
        ])
        .run();
      const house = (gridCode: string, use: "residential" | "rented", rented: boolean) => ({
        id: id("ho"),
        addressId: id("ad"),
        gridCode,
        use,
        rented,
        ownerName: "李四",
        ownerPhoneMasked: "138****5678",
        createdAt: at,
        updatedAt: at,
      });
      tx.insert(houses)
        .values([house(G1, "rented", true), house(G1, "residential", false)])
        .run();
      const unit = (status: "open" | "closed") => ({
        id: id("un"),
        name: "测试商店",
        unitKind: "shop" as const,
        addressId: id("ad"),
        gridCode: G2,
        status,
        createdAt: at,
        updatedAt: at,
      });
      tx.insert(units)
        .values([unit("open"), unit("closed")])
        .run();
      const tag = (personId: string, kind: string, end: string | null) => ({
        id: id("tg"),
        personId,
        kind,
        reason: "测试",
        source: "test",
        start: "2026-01-01",
        end,
        createdBy: "t-village",
        createdAt: at,
      });
      tx.insert(tags)
        .values([tag(head!, "elderly_alone", null), tag(spouse!, "community_correction", "2026-01-02")])
        .run();
      enqueueCounts(tx as unknown as typeof db);
    });
    await state.storage.setAlarm(Date.now());
    return { people: [head!, spouse!, tenant!, gone!, foreigner!] };
  });
}

/** The village object's outbox rows of a destination. */
export function outboxOf(destination: string) {
  return runInDurableObject(villageObject(), (_instance, state) =>
    villageDb(state.storage)
      .select()
      .from(outbox)
      .all()
      .filter((r) => r.destination === destination),
  );
}

/** Asks for a recount with no change in between, as an applied change that moved no figure would. */
export async function recount(): Promise<void> {
  await runInDurableObject(villageObject(), async (_instance, state) => {
    enqueueCounts(villageDb(state.storage));
    await state.storage.setAlarm(Date.now());
  });
  await deliverNow();
}

/**
 * How many times a change asked the village object for a recount (its generation counter, written in the change's own
 * transaction, so it does not depend on whether the object's alarm has delivered the request yet).
 */
export function recountsAsked(): Promise<number> {
  return runInDurableObject(villageObject(), (_instance, state) =>
    Number(villageDb(state.storage).select().from(meta).where(eq(meta.key, "counts_generation")).get()?.value ?? 0),
  );
}

/** Runs the village object's alarm (its outbox delivery) now, as the runtime would. */
export const deliverNow = (code = VILLAGE) => runDurableObjectAlarm(villageObject(code));
