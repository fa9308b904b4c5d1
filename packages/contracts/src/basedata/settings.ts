import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { TagKindCode, VisitEvery } from "./tag-kinds";

/**
 * A county's base-data rules (its own, as the Gansu measures leave visit frequency to the locality): how often each
 * tagged group is visited (null: no plan) and how many days a person who moved out or died is kept before their
 * record is anonymised (PIPL art. 19: no longer than the purpose needs).
 */
export const BaseDataSettingsBody = z
  .object({
    visitRules: z.partialRecord(TagKindCode, VisitEvery.nullable()).default({}),
    retentionDays: z.number().int().min(30).max(3650).default(1095),
  })
  .openapi("BaseDataSettingsBody");
export type BaseDataSettingsBody = z.infer<typeof BaseDataSettingsBody>;

export const BaseDataSettings = BaseDataSettingsBody.extend({
  countyCode: DivisionCode,
  /** The rule in force for every tag kind: the county's where set, else the catalogue's default. */
  effectiveVisitRules: z.record(z.string(), VisitEvery.nullable()),
  version: z.number().int(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
}).openapi("BaseDataSettings");
export type BaseDataSettings = z.infer<typeof BaseDataSettings>;
