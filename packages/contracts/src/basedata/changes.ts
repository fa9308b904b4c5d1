import { z } from "@hono/zod-openapi";
import { IdNumber, IsoDate, Phone } from "../roster";
import { AddressId, HouseholdId, HouseId, PersonId, TagId, UnitId } from "./ids";
import { TagKindCode } from "./tag-kinds";

/**
 * Every change to the base data (一标三实), as a grid worker submits it and an agency verifies it (Jiangmen 第十一条(二):
 * 采集核查), as an import row carries it, and as the history records it. One discriminated union: the submission,
 * import and history code never switches on anything else.
 */
const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = IsoDate;
const Lng = z.number().min(73).max(136);
const Lat = z.number().min(3).max(54);
/** 统一社会信用代码, upper case; the check character is verified by the service (GB 32100). */
export const CreditCode = z.string().regex(/^[0-9A-Z]{18}$/, "must be an 18-character unified social credit code");

export const AddressLevel = z.enum(["road", "door", "building", "unit", "room"]);
export type AddressLevel = z.infer<typeof AddressLevel>;

export const HouseUse = z.enum(["residential", "shop", "factory", "rented", "vacant", "office", "other"]);
export const BusinessUnitKind = z.enum([
  "enterprise",
  "shop",
  "social_org",
  "school",
  "key_place",
  "government",
  "other",
]);
export const PersonType = z.enum(["registered", "floating", "foreign"]);
export const Relation = z.enum(["head", "spouse", "child", "parent", "grandchild", "grandparent", "sibling", "other"]);
/** 自住 / 租住 / 寄住. */
export const ResidenceMode = z.enum(["own", "rent", "lodge"]);

export const Residence = z.object({ houseId: HouseId, mode: ResidenceMode, since: Day });

const AddressCreate = z.object({
  kind: z.literal("address.create"),
  /** A road has no parent; a door number hangs under a road, a building under a door, and so on down to a room. */
  parentId: AddressId.optional(),
  level: AddressLevel,
  name: Text(40),
  /** Required for a door number or a building: the point that places it in a grid (via the registry). */
  lng: Lng.optional(),
  lat: Lat.optional(),
});

const AddressUpdate = z.object({
  kind: z.literal("address.update"),
  addressId: AddressId,
  name: Text(40).optional(),
  lng: Lng.optional(),
  lat: Lat.optional(),
  retired: z.boolean().optional(),
});

const HouseFields = z.object({
  use: HouseUse,
  areaM2: z.number().positive().max(1_000_000).optional(),
  ownerName: Text(64).optional(),
  ownerPhone: Phone.optional(),
  ownerPersonId: PersonId.optional(),
  /** 出租屋: rented out, with its landlord; tenants are the people living there with mode "rent". */
  rented: z.boolean().default(false),
  landlordName: Text(64).optional(),
  landlordPhone: Phone.optional(),
  note: z.string().max(500).optional(),
});

/** One house per address (a room, or a whole building): created when the address has none, otherwise updated. */
const HouseUpsert = HouseFields.extend({ kind: z.literal("house.upsert"), addressId: AddressId });

const UnitFields = z.object({
  name: Text(100),
  unitKind: BusinessUnitKind,
  creditCode: CreditCode.optional(),
  addressId: AddressId,
  legalRepName: Text(64).optional(),
  legalRepPhone: Phone.optional(),
  safetyContactName: Text(64).optional(),
  safetyContactPhone: Phone.optional(),
  staffCount: z.number().int().min(0).max(1_000_000).optional(),
  /** 重点场所: a place the agency watches (a market, a school gate, a fuel station). */
  keyPlace: z.boolean().default(false),
});
const UnitCreate = UnitFields.extend({ kind: z.literal("unit.create") });
// keyPlace without its default: an update that leaves it out keeps the unit's flag.
const UnitUpdate = UnitFields.extend({ keyPlace: z.boolean().optional() })
  .partial()
  .extend({
    kind: z.literal("unit.update"),
    unitId: UnitId,
    closed: z.boolean().optional(),
  });

/** A resident ID number for 户籍 and 流动 people; a passport (or other travel document) for 境外 people. */
export const Identity = z.discriminatedUnion("document", [
  z.object({ document: z.literal("resident_id"), number: IdNumber }),
  z.object({
    document: z.literal("passport"),
    number: z.string().regex(/^[A-Z0-9]{5,20}$/, "must be 5 to 20 upper-case letters or digits"),
    nationality: z.string().regex(/^[A-Z]{3}$/, "must be an ISO 3166-1 alpha-3 code"),
  }),
]);
export type Identity = z.infer<typeof Identity>;

const PersonRegister = z.object({
  kind: z.literal("person.register"),
  identity: Identity,
  name: Text(64),
  personType: PersonType,
  phone: Phone.optional(),
  /** Join a household of the village, or start one (its head is the first person with relation "head"). */
  household: z.union([
    z.object({ householdId: HouseholdId }),
    z.object({ newHousehold: z.object({ number: Text(32).optional() }) }),
  ]),
  relation: Relation,
  residence: Residence,
});

const PersonUpdate = z.object({
  kind: z.literal("person.update"),
  personId: PersonId,
  name: Text(64).optional(),
  personType: PersonType.optional(),
  phone: Phone.optional(),
  relation: Relation.optional(),
});

/** A move within the village: the current residence ends the day before `since`. */
const PersonMove = z.object({ kind: z.literal("person.move"), personId: PersonId, residence: Residence });
const PersonMoveOut = z.object({
  kind: z.literal("person.move-out"),
  personId: PersonId,
  date: Day,
  destination: z.string().max(200).optional(),
});
const PersonDeath = z.object({ kind: z.literal("person.death"), personId: PersonId, date: Day });

const TagAdd = z.object({
  kind: z.literal("tag.add"),
  personId: PersonId,
  tagKind: TagKindCode,
  reason: Text(500),
  /** Where the fact comes from: a department's list, a court decision, the worker's own finding. */
  source: Text(200),
  start: Day,
  end: Day.optional(),
});
const TagEnd = z.object({ kind: z.literal("tag.end"), tagId: TagId, end: Day, reason: Text(500) });

export const Change = z
  .discriminatedUnion("kind", [
    AddressCreate,
    AddressUpdate,
    HouseUpsert,
    UnitCreate,
    UnitUpdate,
    PersonRegister,
    PersonUpdate,
    PersonMove,
    PersonMoveOut,
    PersonDeath,
    TagAdd,
    TagEnd,
  ])
  .openapi("BaseDataChange");
export type Change = z.infer<typeof Change>;
export type ChangeKind = Change["kind"];
export type ChangeOf<K extends ChangeKind> = Extract<Change, { kind: K }>;
export const CHANGE_KINDS = Change.options.map((o) => o.shape.kind.value) as readonly ChangeKind[];
