import { z } from "@hono/zod-openapi";
import { TagKindCode } from "../basedata/tag-kinds";
import { RiskLevel } from "./dispute";

/**
 * The county's rules that raise a dispute's risk level (Gansu 二(一)1(2)–(3): disputes that could lead to
 * homicide or revenge are reported into the early-warning system at once; people in crisis are watched). Rules are
 * data per county, read when a dispute changes; the level they find is a floor only the handler may go under, with
 * a reason. A reason never names a party's sensitive tag (PIPL art. 28): it says "a watched group".
 */
const RuleId = z.string().regex(/^[a-z0-9_-]{2,40}$/, "letters, digits, _ and - (2 to 40)");
const DepartmentId = z.string().regex(/^dept-\d{6}-[a-z_]{2,32}$/, "must be a department id like dept-440703-police");

export const RiskRule = z
  .discriminatedUnion("when", [
    /** The same party (by base-data record or ID number) in `atLeast` other disputes of the county within the days. */
    z.object({
      id: RuleId,
      when: z.literal("repeat_parties"),
      withinDays: z.number().int().min(1).max(3650),
      atLeast: z.number().int().min(1).max(50),
      raiseTo: RiskLevel,
    }),
    /** A threat is recorded. */
    z.object({ id: RuleId, when: z.literal("threat"), raiseTo: RiskLevel }),
    /** Violence used or threatened against a person is recorded. */
    z.object({ id: RuleId, when: z.literal("violence"), raiseTo: RiskLevel }),
    /** A party holds an open base-data tag of one of these kinds (in crisis, a special group). */
    z.object({
      id: RuleId,
      when: z.literal("party_tag"),
      tagKinds: z.array(TagKindCode).min(1).max(20),
      raiseTo: RiskLevel,
    }),
    /** The money claimed reaches the amount (yuan). */
    z.object({ id: RuleId, when: z.literal("amount"), atLeast: z.number().min(0), raiseTo: RiskLevel }),
  ])
  .openapi("DisputeRiskRule");
export type RiskRule = z.infer<typeof RiskRule>;

export const RiskRulesBody = z
  .object({
    rules: z
      .array(RiskRule)
      .max(30)
      .refine((rules) => new Set(rules.map((r) => r.id)).size === rules.length, "rule ids must be unique"),
    /** The police who receive the 命案风险 notice when threats of violence are recorded (the county's police). */
    policeDepartmentIds: z.array(DepartmentId).max(10),
  })
  .openapi("DisputeRiskRulesBody");
export type RiskRulesBody = z.infer<typeof RiskRulesBody>;

export const CountyRiskRules = RiskRulesBody.extend({
  countyCode: z.string(),
  /** False while the county has not set its own and the defaults below apply. */
  custom: z.boolean(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
}).openapi("DisputeRiskRules");
export type CountyRiskRules = z.infer<typeof CountyRiskRules>;

/** What applies in a county that has set nothing: the police department is the county's `dept-<county6>-police`. */
export function defaultRiskRules(countyCode: string): CountyRiskRules {
  return {
    countyCode,
    custom: false,
    updatedBy: null,
    updatedAt: null,
    policeDepartmentIds: [`dept-${countyCode.slice(0, 6)}-police`],
    rules: [
      { id: "repeat-parties", when: "repeat_parties", withinDays: 180, atLeast: 1, raiseTo: "larger" },
      { id: "threat", when: "threat", raiseTo: "larger" },
      { id: "violence", when: "violence", raiseTo: "major" },
      {
        id: "watched-party",
        when: "party_tag",
        tagKinds: ["mental_disorder_risk", "community_correction", "released_prisoner", "drug_user", "key_youth"],
        raiseTo: "larger",
      },
      { id: "large-amount", when: "amount", atLeast: 500_000, raiseTo: "larger" },
    ],
  };
}

/**
 * The facts the rules read that the case alone does not hold, gathered before the command runs: for each party
 * (by index) the number of other disputes of the county it appears in within each repeat rule's window, and the
 * open tag kinds of the base-data people among the parties.
 */
export interface RiskFacts {
  /** rule id → the largest number of other disputes any one party appears in within that rule's window. */
  repeats: Record<string, number>;
  /** The open base-data tag kinds of any party (never shown; only matched against the rules). */
  partyTagKinds: string[];
}
