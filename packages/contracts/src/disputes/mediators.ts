import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { PageQuery } from "../pagination";
import { MobilePhone } from "../roster";
import { MediatorKind } from "./dispute";

/**
 * The registry of mediators (services/roster). Wuxi 第四十二条–第四十七条 and 人民调解法 第八条: a people's mediation
 * committee (人民调解委员会) in every village (村/居民委员会) and township (乡镇/街道), and professional mediation
 * organisations (行业性、专业性调解组织) at county level; 人民调解法 第十三条–第十四条: mediators are 公道正派、热心人民
 * 调解工作 adults with qualifications and training. A grid worker may mediate simple disputes on the spot (Jiangmen
 * 第十一条(四)). The mediator's phone is sealed at rest and masked in every answer, like a worker's private phone.
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const Day = z.iso.date("must be a real date YYYY-MM-DD");

export const MediationBodyKind = z.enum(["village_committee", "township_committee", "professional"]);
export type MediationBodyKind = z.infer<typeof MediationBodyKind>;

/** Fields of a professional mediation organisation (行业性、专业性人民调解). */
export const MediationField = z.enum([
  "labour",
  "family",
  "medical",
  "property",
  "traffic",
  "consumer",
  "land",
  "commercial",
  "environment",
]);
export type MediationField = z.infer<typeof MediationField>;

export const MediationBodyId = z.string().regex(/^mb-[a-z0-9-]{4,60}$/, "must be a mediation body id (mb-…)");
export const MediatorId = z.string().regex(/^med-[a-z0-9-]{4,60}$/, "must be a mediator id (med-…)");

export const NewMediationBody = z
  .object({
    kind: MediationBodyKind,
    name: Text(100),
    /** A village for a village committee, a township for a township one, a county for a professional organisation. */
    divisionCode: DivisionCode,
    /** Its registration (备案) number with the justice bureau (司法行政). */
    registrationNumber: Text(64),
    /** Professional organisations only: what they mediate (at least one). */
    fields: z.array(MediationField).max(9).optional(),
  })
  .openapi("NewMediationBody");
export type NewMediationBody = z.infer<typeof NewMediationBody>;

export const MediationBodyPatch = z
  .object({
    name: Text(100),
    registrationNumber: Text(64),
    fields: z.array(MediationField).max(9),
    active: z.boolean(),
  })
  .partial()
  .openapi("MediationBodyPatch");
export type MediationBodyPatch = z.infer<typeof MediationBodyPatch>;

export const MediationBody = z
  .object({
    id: z.string(),
    kind: MediationBodyKind,
    name: z.string(),
    divisionCode: z.string(),
    registrationNumber: z.string(),
    fields: z.array(MediationField),
    active: z.boolean(),
    version: z.number().int(),
  })
  .openapi("MediationBody");
export type MediationBody = z.infer<typeof MediationBody>;

/** 人民调解员证 or a professional certificate: number, issuer, and the last day it is valid. */
export const Qualification = z
  .object({ certificateNumber: Text(64), issuedBy: Text(100), validUntil: Day })
  .openapi("MediatorQualification");
export type Qualification = z.infer<typeof Qualification>;

export const NewMediator = z
  .object({
    kind: MediatorKind,
    /** The committee or organisation; required except for a grid worker mediating alone. */
    bodyId: MediationBodyId.optional(),
    /** Required for kind grid_worker: an active roster worker. */
    workerId: z.string().min(1).max(80).optional(),
    /** Required except for a grid worker, whose name is the roster's. */
    name: Text(32).optional(),
    phone: MobilePhone,
    qualification: Qualification,
    /** The day their mediation training ended (人民调解法 第十四条). */
    trainedOn: Day,
  })
  .openapi("NewMediator");
export type NewMediator = z.infer<typeof NewMediator>;

export const MediatorPatch = z
  .object({ name: Text(32), phone: MobilePhone, qualification: Qualification, trainedOn: Day })
  .partial()
  .openapi("MediatorPatch");
export type MediatorPatch = z.infer<typeof MediatorPatch>;

export const MediatorDeactivation = z.object({ reason: Text(200) }).openapi("MediatorDeactivation");

export const Mediator = z
  .object({
    id: z.string(),
    kind: MediatorKind,
    bodyId: z.string().nullable(),
    workerId: z.string().nullable(),
    /** The body's division, or the grid worker's. */
    divisionCode: z.string(),
    name: z.string(),
    phoneMasked: z.string().openapi({ example: "138****5678" }),
    qualification: Qualification,
    trainedOn: z.string(),
    active: z.boolean(),
    deactivationReason: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("Mediator");
export type Mediator = z.infer<typeof Mediator>;

const ActiveFilter = z.enum(["true", "false"]).transform((v) => v === "true");

export const MediationBodyQuery = PageQuery.extend({
  divisionCode: DivisionCode.optional(),
  kind: MediationBodyKind.optional(),
  active: ActiveFilter.optional(),
});

export const MediatorQuery = PageQuery.extend({
  divisionCode: DivisionCode.optional(),
  kind: MediatorKind.optional(),
  bodyId: MediationBodyId.optional(),
  active: ActiveFilter.optional(),
});
