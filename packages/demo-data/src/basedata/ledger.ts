/** Building a village's ledger while predicting the ids the village object assigns (one sequence per kind). */
import { baseDataId, type BaseDataKind, type Change, type ChangeOf } from "@civicgrid/contracts";
import type { VillageLedger } from "./types";

/** The kind of record each change creates (person.register may also start a household: see `register`). */
const CREATES: Partial<Record<Change["kind"], BaseDataKind>> = {
  "address.create": "address",
  "house.upsert": "house",
  "unit.create": "unit",
  "person.register": "person",
  "tag.add": "tag",
};

/** The order of the ledger: what a change names exists before it (an address before its house, people before tags). */
const PHASES: readonly BaseDataKind[] = ["address", "house", "unit", "person", "tag"];

/**
 * Changes are collected per kind and concatenated in dependency order at the end. Ids are predicted per kind at the
 * moment a change is added, and each kind keeps its own sequence in the object, so the order across kinds in which
 * the generator adds them does not matter (a house may be added before the family whose head becomes its owner).
 */
export class LedgerBuilder {
  private readonly next = new Map<BaseDataKind, number>();
  private readonly phases = new Map<BaseDataKind, { change: Change; id: string }[]>(PHASES.map((k) => [k, []]));

  constructor(
    readonly villageCode: string,
    private readonly townshipCode: string,
    private readonly gridCodes: string[],
  ) {}

  private push(kind: BaseDataKind, change: Change, id: string): void {
    this.phases.get(kind)?.push({ change, id });
  }

  finish(): VillageLedger {
    const entries = PHASES.flatMap((k) => this.phases.get(k) ?? []);
    return {
      villageCode: this.villageCode,
      townshipCode: this.townshipCode,
      gridCodes: this.gridCodes,
      changes: entries.map((e) => e.change),
      recordIds: entries.map((e) => e.id),
    };
  }

  private take(kind: BaseDataKind): string {
    const seq = this.next.get(kind) ?? 1;
    this.next.set(kind, seq + 1);
    return baseDataId(kind, this.villageCode, seq);
  }

  /** Appends a change that creates one record (never twice for the same address: house.upsert creates). */
  add(change: Exclude<Change, ChangeOf<"person.register">>): string {
    const kind = CREATES[change.kind];
    if (!kind) throw new Error(`${change.kind} creates no record`);
    const id = this.take(kind);
    this.push(kind, change, id);
    return id;
  }

  /** Registers a person; a person starting a household also takes the next household id. */
  register(change: ChangeOf<"person.register">): { personId: string; householdId: string } {
    const householdId = "householdId" in change.household ? change.household.householdId : this.take("household");
    const personId = this.take("person");
    this.push("person", change, personId);
    return { personId, householdId };
  }
}
