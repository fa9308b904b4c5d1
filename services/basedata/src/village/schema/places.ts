import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** 标准地址: road > door number > building > unit > room, each a stable code; the norm key finds the same address twice. */
export const addresses = sqliteTable(
  "addresses",
  {
    id: text("id").primaryKey(),
    parentId: text("parent_id"),
    level: text("level", { enum: ["road", "door", "building", "unit", "room"] }).notNull(),
    name: text("name").notNull(),
    /** The whole address from the road down, as people read it: 建设路12号3栋2单元301. */
    fullName: text("full_name").notNull(),
    /**
     * Normalised full path (see domain/normalise.ts): unique among active addresses of the village, so a retired
     * address never stops the same address from being kept again. The text search (address_fts, a custom
     * migration) indexes it without the separators.
     */
    normKey: text("norm_key").notNull(),
    /** Null for a road (it crosses grids); below, the grid of the nearest located ancestor or own point. */
    gridCode: text("grid_code"),
    lng: real("lng"),
    lat: real("lat"),
    status: text("status", { enum: ["active", "retired"] })
      .notNull()
      .default("active"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("addresses_norm")
      .on(t.normKey)
      .where(sql`status = 'active'`),
    index("addresses_parent").on(t.parentId),
    index("addresses_grid").on(t.gridCode),
  ],
);

/** 实有房屋: one per address (a room or a whole building). */
export const houses = sqliteTable(
  "houses",
  {
    id: text("id").primaryKey(),
    addressId: text("address_id").notNull(),
    gridCode: text("grid_code"),
    use: text("use", {
      enum: ["residential", "shop", "factory", "rented", "vacant", "office", "other"],
    }).notNull(),
    areaM2: real("area_m2"),
    ownerName: text("owner_name"),
    ownerPhoneSealed: text("owner_phone_sealed"),
    ownerPhoneMasked: text("owner_phone_masked"),
    ownerPersonId: text("owner_person_id"),
    rented: integer("rented", { mode: "boolean" }).notNull().default(false),
    landlordName: text("landlord_name"),
    landlordPhoneSealed: text("landlord_phone_sealed"),
    landlordPhoneMasked: text("landlord_phone_masked"),
    note: text("note"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [uniqueIndex("houses_address").on(t.addressId), index("houses_grid").on(t.gridCode)],
);

/** Hazard cases linked to a house (a visit's finding, an agency's link). */
export const houseCases = sqliteTable(
  "house_cases",
  {
    houseId: text("house_id").notNull(),
    caseId: text("case_id").notNull(),
    linkedBy: text("linked_by").notNull(),
    linkedAt: text("linked_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.houseId, t.caseId] })],
);

/** 实有单位: enterprises, shops, social organisations, schools, key places. */
export const units = sqliteTable(
  "units",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    unitKind: text("unit_kind", {
      enum: ["enterprise", "shop", "social_org", "school", "key_place", "government", "other"],
    }).notNull(),
    creditCode: text("credit_code"),
    /** The keyed hash of the credit code as the identity index keeps it, so a change can retire the old entry. */
    creditHash: text("credit_hash"),
    addressId: text("address_id").notNull(),
    gridCode: text("grid_code"),
    legalRepName: text("legal_rep_name"),
    legalRepPhoneSealed: text("legal_rep_phone_sealed"),
    legalRepPhoneMasked: text("legal_rep_phone_masked"),
    safetyContactName: text("safety_contact_name"),
    safetyContactPhoneSealed: text("safety_contact_phone_sealed"),
    safetyContactPhoneMasked: text("safety_contact_phone_masked"),
    staffCount: integer("staff_count"),
    keyPlace: integer("key_place", { mode: "boolean" }).notNull().default(false),
    status: text("status", { enum: ["open", "closed"] })
      .notNull()
      .default("open"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    // One open unit per credit code in the village; a closed unit keeps its code as history.
    uniqueIndex("units_credit_code")
      .on(t.creditCode)
      .where(sql`status = 'open'`),
    index("units_grid").on(t.gridCode),
    index("units_address").on(t.addressId),
  ],
);
