import { maskName, type ExportKind } from "@civicgrid/contracts";
import { and, asc, eq, gt, isNull, ne } from "drizzle-orm";
import type { VillageDb } from "./db";
import { addresses, houses, people, residences, units } from "./schema";

type Cell = string | number | boolean | null;

/** The columns of each export, in file order (the header line names them). */
export const EXPORT_COLUMNS: Record<ExportKind, readonly string[]> = {
  addresses: ["id", "level", "fullName", "gridCode", "lng", "lat", "status"],
  houses: ["id", "address", "gridCode", "use", "rented", "areaM2", "owner", "ownerPhone", "landlord", "landlordPhone"],
  units: [
    "id",
    "name",
    "unitKind",
    "creditCode",
    "address",
    "gridCode",
    "legalRep",
    "legalRepPhone",
    "safetyContact",
    "safetyContactPhone",
    "staffCount",
    "keyPlace",
    "status",
  ],
  people: [
    "id",
    "name",
    "idNumber",
    "gender",
    "personType",
    "nationality",
    "phone",
    "householdId",
    "relation",
    "house",
    "gridCode",
    "status",
  ],
};

const masked = (name: string | null) => (name ? maskName(name) : null);

/**
 * One page of a village's records for an export, as rows of cells in EXPORT_COLUMNS order, keyset on the id. Names
 * are masked (maskName), ID numbers and phones are the stored masks (maskIdNumber, maskPhone: the full values stay
 * sealed and are never read here), birth dates are left out (the mask hides them), and no tag of any kind is ever
 * exported: care and special groups (PIPL art. 28) stay out of every file. Anonymised people are not exported.
 */
export function exportPage(db: VillageDb, kind: ExportKind, after: string, limit: number): Cell[][] {
  switch (kind) {
    case "addresses":
      return db
        .select()
        .from(addresses)
        .where(gt(addresses.id, after))
        .orderBy(asc(addresses.id))
        .limit(limit)
        .all()
        .map((a) => [a.id, a.level, a.fullName, a.gridCode, a.lng, a.lat, a.status]);
    case "houses":
      return db
        .select({ h: houses, address: addresses.fullName })
        .from(houses)
        .leftJoin(addresses, eq(addresses.id, houses.addressId))
        .where(gt(houses.id, after))
        .orderBy(asc(houses.id))
        .limit(limit)
        .all()
        .map(({ h, address }) => [
          h.id,
          address,
          h.gridCode,
          h.use,
          h.rented,
          h.areaM2,
          masked(h.ownerName),
          h.ownerPhoneMasked,
          masked(h.landlordName),
          h.landlordPhoneMasked,
        ]);
    case "units":
      return db
        .select({ u: units, address: addresses.fullName })
        .from(units)
        .leftJoin(addresses, eq(addresses.id, units.addressId))
        .where(gt(units.id, after))
        .orderBy(asc(units.id))
        .limit(limit)
        .all()
        .map(({ u, address }) => [
          u.id,
          u.name,
          u.unitKind,
          u.creditCode,
          address,
          u.gridCode,
          masked(u.legalRepName),
          u.legalRepPhoneMasked,
          masked(u.safetyContactName),
          u.safetyContactPhoneMasked,
          u.staffCount,
          u.keyPlace,
          u.status,
        ]);
    case "people":
      return db
        .select({ p: people, house: residences.houseId })
        .from(people)
        .leftJoin(residences, and(eq(residences.personId, people.id), isNull(residences.until)))
        .where(and(gt(people.id, after), ne(people.status, "anonymised")))
        .orderBy(asc(people.id))
        .limit(limit)
        .all()
        .map(({ p, house }) => [
          p.id,
          maskName(p.name),
          p.idMasked,
          p.gender,
          p.personType,
          p.nationality,
          p.phoneMasked,
          p.householdId,
          p.relation,
          house,
          p.gridCode,
          p.status,
        ]);
  }
}
