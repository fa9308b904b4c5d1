import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** 户: people grouped under a head, at an address. */
export const households = sqliteTable(
  "households",
  {
    id: text("id").primaryKey(),
    number: text("number"),
    addressId: text("address_id"),
    headPersonId: text("head_person_id"),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("households_address").on(t.addressId)],
);

/**
 * 实有人口. The identity document and phone are sealed (AES-GCM) with a keyed hash for exact lookup and dedupe, and a
 * mask for answers; a person who moved out or died stays as history until the county's retention ends, then is
 * anonymised (status "anonymised": identity, phone and name gone, counts kept).
 */
export const people = sqliteTable(
  "people",
  {
    id: text("id").primaryKey(),
    document: text("document", { enum: ["resident_id", "passport"] }).notNull(),
    idSealed: text("id_sealed"),
    idHash: text("id_hash"),
    idMasked: text("id_masked"),
    name: text("name").notNull(),
    /** Keyed hash of the full name: exact name search within the village and, through the identity index, across. */
    nameHash: text("name_hash"),
    gender: text("gender", { enum: ["male", "female", "unknown"] }).notNull(),
    birthDate: text("birth_date"),
    personType: text("person_type", { enum: ["registered", "floating", "foreign"] }).notNull(),
    nationality: text("nationality"),
    phoneSealed: text("phone_sealed"),
    phoneHash: text("phone_hash"),
    phoneMasked: text("phone_masked"),
    householdId: text("household_id"),
    relation: text("relation").notNull(),
    gridCode: text("grid_code"),
    status: text("status", { enum: ["present", "moved_out", "deceased", "anonymised"] }).notNull(),
    /** The day a person moved out or died. */
    goneOn: text("gone_on"),
    destination: text("destination"),
    version: integer("version").notNull().default(1),
    createdAt: text("created_at").notNull(),
    updatedAt: text("updated_at").notNull(),
  },
  (t) => [
    index("people_id_hash").on(t.idHash),
    index("people_phone_hash").on(t.phoneHash),
    index("people_grid").on(t.gridCode, t.status),
    index("people_household").on(t.householdId),
    index("people_name").on(t.name),
    index("people_name_hash").on(t.nameHash),
  ],
);

/** 人房关系: who lives in which house, how (自住/租住/寄住), since and until; a move ends one and starts another. */
export const residences = sqliteTable(
  "residences",
  {
    seq: integer("seq").primaryKey({ autoIncrement: true }),
    personId: text("person_id").notNull(),
    houseId: text("house_id").notNull(),
    mode: text("mode", { enum: ["own", "rent", "lodge"] }).notNull(),
    since: text("since").notNull(),
    until: text("until"),
  },
  (t) => [index("residences_person").on(t.personId, t.since), index("residences_house").on(t.houseId, t.until)],
);

/** Care and special groups on a person, with a reason, a source, a start and an end. */
export const tags = sqliteTable(
  "tags",
  {
    id: text("id").primaryKey(),
    personId: text("person_id").notNull(),
    kind: text("kind").notNull(),
    reason: text("reason").notNull(),
    source: text("source").notNull(),
    start: text("start").notNull(),
    end: text("end"),
    endReason: text("end_reason"),
    createdBy: text("created_by").notNull(),
    createdAt: text("created_at").notNull(),
  },
  (t) => [index("tags_person").on(t.personId), index("tags_kind").on(t.kind, t.end)],
);
