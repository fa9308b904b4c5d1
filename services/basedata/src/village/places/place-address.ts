import { eq } from "drizzle-orm";
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
