import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { FieldChange } from "./submissions";
import { HouseholdId, HouseId, PersonId, TagId } from "./ids";
import { PersonType, Relation, ResidenceMode } from "./changes";
import { TagKindCode } from "./tag-kinds";

/**
 * Answers about people (实有人口), households and tags. Identity documents and phones are masked in every answer but
 * the audited unmasked read and a subject-access answer; the birth date shows only its year, since with the region
 * and the last four digits of a masked ID number it would give the number back. Tags are those the caller may see.
 */
export const PersonStatus = z.enum(["present", "moved_out", "deceased", "anonymised"]);

export const ResidenceView = z
  .object({ houseId: HouseId, mode: ResidenceMode, since: z.string(), until: z.string().nullable() })
  .openapi("BaseDataResidence");

export const TagView = z
  .object({
    id: TagId,
    kind: TagKindCode,
    reason: z.string(),
    source: z.string(),
    start: z.string(),
    end: z.string().nullable(),
    endReason: z.string().nullable(),
  })
  .openapi("BaseDataTag");
export type TagView = z.infer<typeof TagView>;

export const PersonView = z
  .object({
    id: PersonId,
    villageCode: DivisionCode,
    gridCode: z.string().nullable(),
    document: z.enum(["resident_id", "passport"]),
    idNumber: z.string().nullable().openapi({ description: "masked: 440703********1234" }),
    name: z.string(),
    gender: z.enum(["male", "female", "unknown"]),
    birthYear: z.number().int().nullable(),
    personType: PersonType,
    nationality: z.string().nullable(),
    phone: z.string().nullable().openapi({ description: "masked: 138****5678" }),
    householdId: HouseholdId.nullable(),
    relation: Relation,
    status: PersonStatus,
    goneOn: z.string().nullable(),
    destination: z.string().nullable(),
    residences: z.array(ResidenceView).openapi({ description: "where the person lived and lives, oldest first" }),
    tags: z.array(TagView),
    version: z.number().int(),
  })
  .openapi("BaseDataPerson");
export type PersonView = z.infer<typeof PersonView>;

export const HouseholdView = z
  .object({
    id: HouseholdId,
    villageCode: DivisionCode,
    number: z.string().nullable(),
    addressId: z.string().nullable(),
    headPersonId: PersonId.nullable(),
    members: z.array(
      z.object({
        personId: PersonId,
        name: z.string().openapi({ description: "masked: 张*明" }),
        idNumber: z.string().nullable(),
        relation: Relation,
        status: PersonStatus,
      }),
    ),
  })
  .openapi("BaseDataHousehold");
export type HouseholdView = z.infer<typeof HouseholdView>;

/** One person found by a search: always masked. */
export const PersonHit = z
  .object({
    id: PersonId,
    villageCode: DivisionCode,
    gridCode: z.string().nullable(),
    name: z.string().openapi({ description: "masked: 张*明" }),
    idNumber: z.string().nullable(),
    gender: z.enum(["male", "female", "unknown"]),
    personType: PersonType,
    status: PersonStatus,
    tags: z.array(TagKindCode).openapi({ description: "open tags the caller may see" }),
  })
  .openapi("BaseDataPersonHit");
export type PersonHit = z.infer<typeof PersonHit>;

export const PiiField = z.enum(["idNumber", "phone"]);
export const UnmaskedRequest = z
  .object({
    /** Why the values are needed (PIPL art. 6: a clear, reasonable purpose), kept in the access log. */
    purpose: z.string().trim().min(4).max(200),
    fields: z.array(PiiField).min(1).max(2),
  })
  .openapi("BaseDataUnmaskedRequest");
export const UnmaskedAnswer = z
  .object({
    personId: PersonId,
    idNumber: z.string().nullable().optional(),
    phone: z.string().nullable().optional(),
    loggedAt: z.string(),
  })
  .openapi("BaseDataUnmasked");

export const AccessLogEntry = z
  .object({
    seq: z.number().int(),
    recordId: z.string(),
    villageCode: DivisionCode,
    fields: z.array(z.string()),
    purpose: z.string(),
    bySub: z.string(),
    byRole: z.string(),
    at: z.string(),
  })
  .openapi("BaseDataAccessLogEntry");

export const SubjectRequestBody = z
  .object({
    kind: z.enum(["access", "erasure"]),
    /** The request's own reference (a letter, a form number), so the record can be found from it. */
    reference: z.string().trim().min(1).max(100),
    reason: z.string().trim().min(1).max(500),
  })
  .openapi("BaseDataSubjectRequestBody");
export const SubjectRequest = z
  .object({
    id: z.string(),
    personId: PersonId,
    villageCode: DivisionCode,
    kind: z.enum(["access", "erasure"]),
    reference: z.string(),
    reason: z.string(),
    bySub: z.string(),
    at: z.string(),
    outcome: z.string(),
  })
  .openapi("BaseDataSubjectRequest");

/** PIPL art. 45: everything kept on the person, unmasked, produced for them. */
export const SubjectAccess = z
  .object({
    request: SubjectRequest,
    person: PersonView.extend({
      idNumber: z.string().nullable(),
      phone: z.string().nullable(),
      birthDate: z.string().nullable(),
    }),
    history: z.array(FieldChange),
  })
  .openapi("BaseDataSubjectAccess");
export type SubjectAccess = z.infer<typeof SubjectAccess>;
