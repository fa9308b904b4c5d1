import type { Change } from "@civicgrid/contracts";
import { and, eq } from "drizzle-orm";
import { addressKey, normaliseAddressText } from "../domain/normalise";
import { fieldRefusal, ok, refused, type Outcome } from "../domain/refusal";
import type { VillageDb } from "../village/db";
import { addresses, households, houses } from "../village/schema";
import type { PlannedChange, Ref } from "./plan";

/**
 * Resolves an import row's references inside the village's transaction, against the base as the rows before it
 * left it: addresses by their full text (normalised as domain/normalise.ts keys them, so 建设路12號 finds
 * 建设路12号), the house at an address, a household by its number, and records an earlier change of the row made.
 */
export class Resolver {
  /** Normalised full text → address id (null: two addresses read the same); built once, refreshed on a new one. */
  private byText: Map<string, string | null> | null = null;

  constructor(private readonly db: VillageDb) {}

  /** A new address was created: the next lookup by text reads the table again. */
  invalidate(): void {
    this.byText = null;
  }

  private addressByText(text: string): string | null | undefined {
    if (!this.byText) {
      this.byText = new Map();
      const rows = this.db
        .select({ id: addresses.id, normKey: addresses.normKey })
        .from(addresses)
        .where(eq(addresses.status, "active"))
        .all();
      for (const r of rows) {
        const flat = r.normKey.replaceAll("/", "");
        this.byText.set(flat, this.byText.has(flat) ? null : r.id);
      }
    }
    return this.byText.get(normaliseAddressText(text).replaceAll("/", ""));
  }

  private target(ref: Ref, created: readonly string[]): Outcome<unknown> {
    const t = ref.target;
    if (t.to === "created") return ok(created[t.index]);
    if (t.to === "household") {
      const found = this.db.select({ id: households.id }).from(households).where(eq(households.number, t.number)).get();
      return ok(found ? { householdId: found.id } : undefined);
    }
    const address = this.addressByText(t.text);
    if (address === null) return refused(fieldRefusal(ref.column, "two addresses of the village read the same"));
    if (address === undefined) return refused(fieldRefusal(ref.column, "no such address in the village"));
    if (t.to === "address") return ok(address);
    const house = this.db.select({ id: houses.id }).from(houses).where(eq(houses.addressId, address)).get();
    return house ? ok(house.id) : refused(fieldRefusal(ref.column, "the village keeps no house at this address"));
  }

  /** The change with its references filled in, or the refusal naming the column. */
  resolve(planned: PlannedChange, created: readonly string[]): Outcome<Change> {
    const change = structuredClone(planned.change) as Record<string, unknown>;
    for (const ref of planned.refs) {
      const value = this.target(ref, created);
      if (!value.ok) return value;
      if (value.value === undefined) continue;
      const [head, tail] = ref.path.split(".") as [string, string | undefined];
      if (tail) (change[head] as Record<string, unknown>)[tail] = value.value;
      else change[head] = value.value;
    }
    return ok(change as Change);
  }

  /** For a change that finds before it creates (a ledger's address level): the record already kept, if any. */
  existing(change: Change): string | null {
    if (change.kind !== "address.create") return null;
    const parent = change.parentId
      ? this.db.select({ normKey: addresses.normKey }).from(addresses).where(eq(addresses.id, change.parentId)).get()
      : undefined;
    const key = addressKey(parent?.normKey ?? null, change.name);
    const found = this.db
      .select({ id: addresses.id })
      .from(addresses)
      .where(and(eq(addresses.normKey, key), eq(addresses.status, "active")))
      .get();
    return found?.id ?? null;
  }
}
