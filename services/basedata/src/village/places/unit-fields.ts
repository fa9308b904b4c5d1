import type { units } from "../schema";

type Row = typeof units.$inferSelect;

/** A unit's fields as answers and history show them: phones masked, sealed values and the code's hash left out. */
export function unitFields(row: Row) {
  const {
    id: _id,
    version: _v,
    createdAt: _c,
    updatedAt: _u,
    creditHash: _h,
    legalRepPhoneSealed: _ls,
    safetyContactPhoneSealed: _ss,
    legalRepPhoneMasked,
    safetyContactPhoneMasked,
    ...rest
  } = row;
  return { ...rest, legalRepPhone: legalRepPhoneMasked, safetyContactPhone: safetyContactPhoneMasked };
}
