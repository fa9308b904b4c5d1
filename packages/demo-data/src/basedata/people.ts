/**
 * Households (户) and people (实有人口) of one house: registered families in their own homes, floating tenants in
 * rented ones, a few foreigners with passports. Each household starts with its head (relation "head"); the others
 * join it. ID numbers are valid (GB 11643: region, real birth date, check digit) and unique across the township.
 */
import { genderOfIdNumber, makeIdNumber } from "../idcard";
import { personName } from "../names";
import { mobile } from "../phones";
import type { Rng } from "../random";
import type { Gender } from "../types";
import { ageOn, daysBefore, later, type BaseContext, type Point } from "./context";
import { makePassport } from "./codes";
import type { LedgerBuilder } from "./ledger";

type Relation = "head" | "spouse" | "child" | "parent" | "grandchild" | "grandparent" | "sibling" | "other";
export type PersonType = "registered" | "floating" | "foreign";
/** The shapes of household the demo draws, which the tags read (独居老人, 留守儿童). */
export type HouseholdShape = "alone_elderly" | "left_behind" | "family" | "tenant" | "foreign";

export interface DemoPerson {
  personId: string;
  householdId: string;
  gridCode: string;
  houseId: string;
  point: Point;
  name: string;
  gender: Gender;
  birthDate: string;
  age: number;
  personType: PersonType;
  relation: Relation;
  shape: HouseholdShape;
}

export interface Home {
  houseId: string;
  gridCode: string;
  point: Point;
  rented: boolean;
  rural: boolean;
}

/** Home regions of floating residents' ID numbers: counties that send many workers to the Pearl River Delta. */
const FLOATING_REGIONS = ["450102", "431102", "430521", "511602", "522601", "360721", "441881", "445281", "421022"];
const COMPOUND_SURNAMES = ["司徒", "欧阳"];

const surnameOf = (name: string): string => COMPOUND_SURNAMES.find((s) => name.startsWith(s)) ?? name.slice(0, 1);

interface Member {
  relation: Relation;
  ages: [number, number];
  gender?: Gender;
}

/** Members of a registered household by shape (head first). */
function familyOf(rng: Rng, rural: boolean): { shape: HouseholdShape; members: Member[] } {
  const pick = rng.weighted(rural ? [8, 10, 14, 40, 16, 12] : [6, 10, 3, 45, 14, 22]);
  const kids = (min: number, max: number, n: number): Member[] =>
    Array.from({ length: n }, () => ({ relation: "child" as const, ages: [min, max] as [number, number] }));
  switch (pick) {
    case 0:
      return { shape: "alone_elderly", members: [{ relation: "head", ages: [66, 92] }] };
    case 1:
      return { shape: "family", members: [{ relation: "head", ages: [62, 85], gender: "male" }, spouse(62, 85)] };
    case 2: // 留守: the parents work away; grandparents keep the children (only the children's card is registered here)
      return {
        shape: "left_behind",
        members: [{ relation: "head", ages: [55, 75], gender: "male" }, spouse(52, 75), ...grand(rng.int(1, 2))],
      };
    case 3:
      return {
        shape: "family",
        members: [{ relation: "head", ages: [32, 55], gender: "male" }, spouse(30, 55), ...kids(0, 22, rng.int(1, 3))],
      };
    case 4:
      return {
        shape: "family",
        members: [
          { relation: "head", ages: [52, 72], gender: "male" },
          spouse(50, 72),
          ...kids(26, 40, 1),
          ...grand(rng.int(0, 2)),
          ...(rng.chance(0.3) ? [{ relation: "parent" as const, ages: [75, 95] as [number, number] }] : []),
        ],
      };
    default:
      return {
        shape: "family",
        members: [{ relation: "head", ages: [22, 45] }, ...(rng.chance(0.5) ? [spouse(22, 40)] : [])],
      };
  }
}

function spouse(min: number, max: number): Member {
  return { relation: "spouse", ages: [min, max], gender: "female" };
}

function grand(n: number): Member[] {
  return Array.from({ length: n }, () => ({ relation: "grandchild" as const, ages: [1, 15] as [number, number] }));
}

/** Tenants of a rented home: a worker alone, a couple, or a couple with a child. */
function tenantsOf(rng: Rng): Member[] {
  const head: Member = { relation: "head", ages: [18, 50] };
  const pick = rng.weighted([50, 30, 20]);
  if (pick === 0) return [head];
  if (pick === 1) return [{ ...head, gender: "male" }, spouse(18, 50)];
  return [{ ...head, ages: [25, 45], gender: "male" }, spouse(23, 45), { relation: "child", ages: [0, 14] }];
}

/** The households living in `home`, registered with their people in the ledger; answers the people. */
export function peopleOf(ctx: BaseContext, rng: Rng, ledger: LedgerBuilder, home: Home): DemoPerson[] {
  if (home.rented && !home.rural && rng.chance(0.03)) return foreigner(ctx, rng, ledger, home);
  const tenant = home.rented;
  const { shape, members } = tenant ? { shape: "tenant" as const, members: tenantsOf(rng) } : familyOf(rng, home.rural);
  const region = tenant ? rng.pick(FLOATING_REGIONS) : ctx.county;
  const since = daysBefore(ctx.asOf, tenant ? rng.int(20, 1800) : rng.int(200, 12_000));
  let householdId: string | null = null;
  let surname: string | null = null;
  const out: DemoPerson[] = [];
  for (const m of members) {
    const gender: Gender = m.gender ?? (rng.chance(0.5) ? "male" : "female");
    const [min, max] = m.ages;
    const { idNumber, birthDate } = makeIdNumber(rng, region, gender, ctx.asOf, ctx.ids, min, max);
    const given = personName(rng, gender);
    const name = surname && m.relation !== "spouse" ? surname + given.slice(surnameOf(given).length) : given;
    surname ??= surnameOf(name);
    const age = ageOn(birthDate, ctx.asOf);
    const change = {
      kind: "person.register" as const,
      identity: { document: "resident_id" as const, number: idNumber },
      name,
      personType: tenant ? ("floating" as const) : ("registered" as const),
      ...(age >= 16 && rng.chance(0.92) ? { phone: uniquePhone(ctx, rng) } : {}),
      household: householdId ? { householdId } : { newHousehold: {} },
      relation: m.relation,
      residence: {
        houseId: home.houseId,
        mode: tenant ? ("rent" as const) : ("own" as const),
        since: later(since, birthDate),
      },
    };
    const ids = ledger.register(change);
    householdId = ids.householdId;
    out.push({
      ...ids,
      ...place(home),
      name,
      gender: genderOfIdNumber(idNumber),
      birthDate,
      age,
      personType: change.personType,
      relation: m.relation,
      shape,
    });
  }
  return out;
}

function place(home: Home) {
  return { gridCode: home.gridCode, houseId: home.houseId, point: home.point };
}

function foreigner(ctx: BaseContext, rng: Rng, ledger: LedgerBuilder, home: Home): DemoPerson[] {
  const passport = makePassport(rng, ctx.passports);
  const since = daysBefore(ctx.asOf, rng.int(30, 1500));
  const ids = ledger.register({
    kind: "person.register",
    identity: { document: "passport", number: passport.number, nationality: passport.nationality },
    name: passport.name,
    personType: "foreign",
    phone: uniquePhone(ctx, rng),
    household: { newHousehold: {} },
    relation: "head",
    residence: { houseId: home.houseId, mode: "rent", since },
  });
  const birthDate = daysBefore(ctx.asOf, rng.int(23 * 365, 55 * 365));
  const person: DemoPerson = {
    ...ids,
    ...place(home),
    name: passport.name,
    gender: passport.gender,
    birthDate,
    age: ageOn(birthDate, ctx.asOf),
    personType: "foreign",
    relation: "head",
    shape: "foreign",
  };
  return [person];
}

/** A mobile number no one else of the township has (the identity index dedupes by phone too). */
export function uniquePhone(ctx: BaseContext, rng: Rng): string {
  for (;;) {
    const phone = mobile(rng);
    if (!ctx.phones.has(phone)) {
      ctx.phones.add(phone);
      return phone;
    }
  }
}
