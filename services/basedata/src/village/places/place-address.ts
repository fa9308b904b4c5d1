import type { Conflict } from "@civicgrid/contracts";
import { and, eq, ne } from "drizzle-orm";
import { fieldRefusal, ok, refused, type Outcome } from "../../domain/refusal";
import type { ChangeContext } from "../changes/types";
import { addresses } from "../schema";
import type { AddressRow } from "./address-tree";

/** The active address a house or unit is placed at, or the refusal naming the field. */
export function activeAddress(
  ctx: Pick<ChangeContext, "db">,
  id: string,
  field = "body.change.addressId",
): Outcome<AddressRow> {
  const row = ctx.db.select().from(addresses).where(eq(addresses.id, id)).get();
  if (!row) return refused(fieldRefusal(field, `no address ${id}`));
  if (row.status !== "active") return refused(fieldRefusal(field, `the address ${id} is retired`));
  return ok(row);
}

/**
 * The conflicts of an address that will be active under `parent` with key `normKey`: a retired parent (nothing new
 * hangs under a retired address), and another active address with the same normalised path (the same address
 * entered twice is found, not kept twice). `selfId` is the address itself when it already exists.
 */
export function addressConflicts(
  ctx: Pick<ChangeContext, "db">,
  parent: Pick<AddressRow, "id" | "status"> | null | undefined,
  normKey: string,
  selfId: string | null,
): Conflict[] {
  const conflicts: Conflict[] = [];
  if (parent?.status === "retired")
    conflicts.push({
      code: "address_retired",
      message: `the parent address ${parent.id} is retired`,
      recordId: parent.id,
      blocking: true,
    });
  const same = ctx.db
    .select({ id: addresses.id })
    .from(addresses)
    .where(
      and(
        eq(addresses.normKey, normKey),
        eq(addresses.status, "active"),
        selfId ? ne(addresses.id, selfId) : undefined,
      ),
    )
    .get();
  if (same)
    conflicts.push({
      code: "duplicate_address",
      message: `this address is already kept as ${same.id}`,
      recordId: same.id,
      blocking: true,
    });
  return conflicts;
}
