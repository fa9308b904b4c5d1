import { z } from "@hono/zod-openapi";
import { CaseId } from "../cases";
import { DivisionCode } from "../division";
import { GridCode } from "../registry";
import { AddressLevel, BusinessUnitKind, HouseUse, ResidenceMode } from "./changes";
import { AddressId, HouseId, PersonId, UnitId } from "./ids";

/**
 * Answers about places (一标三实: 标准地址, 实有房屋, 实有单位). Phones are always masked (138****5678); the full values
 * stay sealed in the village object. A credit code is an organisation's public registration, not personal data.
 */
const Stamps = { version: z.number().int(), createdAt: z.string(), updatedAt: z.string() };

export const Address = z
  .object({
    id: AddressId,
    villageCode: DivisionCode,
    parentId: AddressId.nullable(),
    level: AddressLevel,
    name: z.string(),
    /** The whole address from the road down: 建设路12号3栋2单元301. */
    fullName: z.string(),
    /** Null for a road: it crosses grids. */
    gridCode: GridCode.nullable(),
    lng: z.number().nullable(),
    lat: z.number().nullable(),
    status: z.enum(["active", "retired"]),
    ...Stamps,
  })
  .openapi("BaseDataAddress");
export type Address = z.infer<typeof Address>;

/**
 * A standard address as anyone may find it (a resident looking for the grid of a door plate): the address as people
 * read it and the grid it lies in. Roads, door numbers and buildings only: the units and rooms under a building, and
 * what is kept at an address (houses, people, units), never.
 */
export const PublicAddress = z
  .object({
    fullName: z.string(),
    level: z.enum(["road", "door", "building"]),
    villageCode: DivisionCode,
    /** Null for a road: it crosses grids (ask for a door number). */
    gridCode: GridCode.nullable(),
  })
  .openapi("PublicAddress");
export type PublicAddress = z.infer<typeof PublicAddress>;

export const AddressDetail = Address.extend({
  /** Addresses directly under this one (active and retired). */
  childrenCount: z.number().int(),
  /** The house kept at this address, if any. */
  houseId: HouseId.nullable(),
}).openapi("BaseDataAddressDetail");
export type AddressDetail = z.infer<typeof AddressDetail>;

export const House = z
  .object({
    id: HouseId,
    villageCode: DivisionCode,
    addressId: AddressId,
    gridCode: GridCode.nullable(),
    use: HouseUse,
    areaM2: z.number().nullable(),
    ownerName: z.string().nullable(),
    /** Masked. */
    ownerPhone: z.string().nullable(),
    ownerPersonId: PersonId.nullable(),
    /** 出租屋. */
    rented: z.boolean(),
    landlordName: z.string().nullable(),
    /** Masked. */
    landlordPhone: z.string().nullable(),
    note: z.string().nullable(),
    ...Stamps,
  })
  .openapi("BaseDataHouse");
export type House = z.infer<typeof House>;

/** Someone living in the house now (tenants of a rented house live there with mode "rent"); the name is masked. */
export const HouseResident = z
  .object({ personId: PersonId, name: z.string(), mode: ResidenceMode, since: z.string() })
  .openapi("BaseDataHouseResident");

export const HouseCaseLink = z
  .object({ houseId: HouseId, caseId: CaseId, linkedBy: z.string(), linkedAt: z.string() })
  .openapi("BaseDataHouseCaseLink");
export type HouseCaseLink = z.infer<typeof HouseCaseLink>;

export const HouseDetail = House.extend({
  addressFullName: z.string(),
  residents: z.array(HouseResident),
  cases: z.array(HouseCaseLink),
}).openapi("BaseDataHouseDetail");
export type HouseDetail = z.infer<typeof HouseDetail>;

export const NewHouseCaseLink = z.object({ caseId: CaseId }).openapi("NewBaseDataHouseCaseLink");

export const Unit = z
  .object({
    id: UnitId,
    villageCode: DivisionCode,
    name: z.string(),
    unitKind: BusinessUnitKind,
    creditCode: z.string().nullable(),
    addressId: AddressId,
    gridCode: GridCode.nullable(),
    legalRepName: z.string().nullable(),
    /** Masked. */
    legalRepPhone: z.string().nullable(),
    safetyContactName: z.string().nullable(),
    /** Masked. */
    safetyContactPhone: z.string().nullable(),
    staffCount: z.number().int().nullable(),
    keyPlace: z.boolean(),
    status: z.enum(["open", "closed"]),
    ...Stamps,
  })
  .openapi("BaseDataUnit");
export type Unit = z.infer<typeof Unit>;

export const UnitDetail = Unit.extend({ addressFullName: z.string() }).openapi("BaseDataUnitDetail");
export type UnitDetail = z.infer<typeof UnitDetail>;
