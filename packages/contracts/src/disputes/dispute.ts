import { z } from "@hono/zod-openapi";
import { isValidIdNumber } from "../id-number";

/**
 * A dispute (矛盾纠纷) is a case with more: its parties, their relation, what is claimed, a history of contacts,
 * threats, the risk level, the mediation and the diversion. It lives in the case's Durable Object, its changes are
 * events of the case's hash-chained log, and the case loop closes it only when it is settled or concluded.
 * Regulations: Jiangmen 第十一条(四) (find and mediate simple disputes on the spot, pass on the rest); Gansu
 * 二(一)1(1)–(3) (regular 排查, 命案风险 reported at once, people in crisis watched); Wuxi 第四十二条–第四十七条
 * (mediation committees at every level, diversion to conciliation, arbitration, ruling, review, litigation,
 * petitions apart from litigation); 人民调解法 第二十八条–第三十三条 (oral and written agreements, their follow-up).
 */

const Text = (max: number) => z.string().trim().min(1).max(max);
const Instant = z.iso.datetime({ offset: true });
const Day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "must be a day like 2026-12-01");
const Phone = z.string().regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, "must be a mobile (11 digits) or fixed-line number");
const PersonId = z.string().regex(/^pe-\d{12}-\d{6,9}$/, "must be a base-data person id like pe-440703001001-000042");
const UnitId = z.string().regex(/^un-\d{12}-\d{6,9}$/, "must be a base-data unit id like un-440703001001-000042");

export const DisputeRelation = z.enum([
  "neighbours",
  "family",
  "marriage",
  "labour",
  "property",
  "land",
  "tenancy",
  "debt",
  "consumer",
  "medical",
  "traffic",
  "other",
]);
export type DisputeRelation = z.infer<typeof DisputeRelation>;

/** low to high; a rule may raise the level, only the handler lowers it (with a reason). */
export const RiskLevel = z.enum(["general", "larger", "major"]);
export type RiskLevel = z.infer<typeof RiskLevel>;
export const RISK_ORDER: readonly RiskLevel[] = ["general", "larger", "major"];

/**
 * A party: a person or unit from base data (their identity is read there, never copied), or a named party with
 * identity given here (sealed like base data: the answer shows masks; PIPL art. 28 for ID numbers).
 */
export const PartyInput = z
  .discriminatedUnion("kind", [
    z.object({ kind: z.literal("person"), personId: PersonId, role: z.enum(["applicant", "respondent", "other"]) }),
    z.object({ kind: z.literal("unit"), unitId: UnitId, role: z.enum(["applicant", "respondent", "other"]) }),
    z.object({
      kind: z.literal("named"),
      role: z.enum(["applicant", "respondent", "other"]),
      name: z.string().trim().min(1).max(50),
      idNumber: z.string().refine(isValidIdNumber, "must be a valid 18-character ID number (GB 11643)").optional(),
      phone: Phone.optional(),
      address: z.string().trim().max(200).optional(),
    }),
  ])
  .openapi("DisputePartyInput");
export type PartyInput = z.infer<typeof PartyInput>;

/** A party as answers show it: masked name, ID number and phone; `ref` is the base-data record when there is one. */
export const PartyView = z
  .object({
    index: z.number().int().min(0),
    kind: z.enum(["person", "unit", "named"]),
    role: z.enum(["applicant", "respondent", "other"]),
    ref: z.string().nullable(),
    name: z.string(),
    idNumber: z.string().nullable(),
    phone: z.string().nullable(),
  })
  .openapi("DisputeParty");
export type PartyView = z.infer<typeof PartyView>;

export const Claim = z.object({
  by: z.number().int().min(0).max(19),
  text: Text(1000),
  /** In yuan, when money is claimed. */
  amount: z.number().min(0).max(1e10).optional(),
});
export type Claim = z.infer<typeof Claim>;

export const Contact = z
  .object({
    at: Instant,
    channel: z.enum(["visit", "phone", "meeting", "message", "letter"]),
    /** The parties contacted (indexes into `parties`); empty for a contact with someone else (a witness). */
    parties: z.array(z.number().int().min(0).max(19)).max(20).default([]),
    summary: Text(2000),
  })
  .openapi("DisputeContact");
export type Contact = z.infer<typeof Contact>;

export const Threat = z
  .object({
    at: Instant,
    /** The party who threatened, when known. */
    by: z.number().int().min(0).max(19).optional(),
    description: Text(2000),
    /** Violence used or threatened against a person (命案风险). */
    violence: z.boolean(),
  })
  .openapi("DisputeThreat");
export type Threat = z.infer<typeof Threat>;

export const MediatorKind = z.enum(["grid_worker", "village_committee", "township_committee", "professional"]);
export type MediatorKind = z.infer<typeof MediatorKind>;

export const Session = z
  .object({
    at: Instant,
    place: Text(200),
    attendees: z.array(Text(100)).min(1).max(30),
    /** settled: the parties agreed (orally or to sign); adjourned: another session follows; failed: no agreement. */
    outcome: z.enum(["settled", "adjourned", "failed"]),
    summary: Text(4000),
  })
  .openapi("MediationSession");
export type Session = z.infer<typeof Session>;

export const Signatory = z.object({
  name: z.string().trim().min(1).max(50),
  capacity: z.enum(["party", "mediator", "witness", "recorder"]),
  /** The party signing (indexes into `parties`), for capacity "party". */
  party: z.number().int().min(0).max(19).optional(),
});

export const AgreementInput = z
  .object({
    terms: z.array(Text(2000)).min(1).max(30),
    signatories: z.array(Signatory).min(2).max(30),
    signedOn: Day,
    /** The day by which the terms are to be performed; the follow-up visit is due then. */
    performBy: Day,
  })
  .openapi("MediationAgreementInput");
export type AgreementInput = z.infer<typeof AgreementInput>;

export const FollowUp = z
  .object({
    at: Instant,
    kept: z.boolean(),
    notes: Text(2000),
  })
  .openapi("AgreementFollowUp");
export type FollowUp = z.infer<typeof FollowUp>;

export const DiversionChannel = z.enum([
  "arbitration",
  "administrative_ruling",
  "administrative_review",
  "litigation",
  "petition",
]);
export type DiversionChannel = z.infer<typeof DiversionChannel>;

export const DisputeStage = z.enum([
  /** Details recorded, no mediator yet. */
  "recorded",
  "mediating",
  /** A session ended settled without a written agreement (口头协议, 人民调解法 第三十条). */
  "settled",
  /** A written agreement signed; its follow-up is due on `performBy`. */
  "agreed",
  /** The follow-up found the agreement kept. */
  "kept",
  /** Mediation failed: divert it, or assign another mediator. */
  "failed",
  /** Sent to another channel; the case closes only with that channel's outcome. */
  "diverted",
  /** The diverted dispute's outcome is recorded. */
  "concluded",
]);
export type DisputeStage = z.infer<typeof DisputeStage>;

/** The stages in which the case loop may close the case (resolve on site, handle, pass the check). */
export const SETTLED_STAGES: readonly DisputeStage[] = ["settled", "agreed", "kept", "concluded"];

export const RiskReason = z.object({ rule: z.string(), detail: z.string() });

export const DisputeView = z
  .object({
    stage: DisputeStage,
    relation: DisputeRelation,
    summary: z.string(),
    parties: z.array(PartyView),
    claims: z.array(Claim),
    /** Sum of the amounts claimed, in yuan (null when no money is claimed). */
    amount: z.number().nullable(),
    contacts: z.array(Contact),
    threats: z.array(Threat),
    risk: z.object({
      level: RiskLevel,
      /** handler: set by the handler; rule: raised by the county's rules (reasons say which). */
      source: z.enum(["handler", "rule"]),
      reasons: z.array(RiskReason),
      /** When the county was told (the stability fast path), once; null until the dispute was major. */
      countyWarnedAt: z.string().nullable(),
      /** When the police were told of recorded threats of violence (命案风险预警), once. */
      policeWarnedAt: z.string().nullable(),
    }),
    mediation: z
      .object({
        mediatorId: z.string(),
        mediatorKind: MediatorKind,
        mediatorName: z.string(),
        assignedAt: z.string(),
        sessions: z.array(Session),
      })
      .nullable(),
    agreement: AgreementInput.extend({
      status: z.enum(["pending_follow_up", "kept", "broken"]),
      recordedAt: z.string(),
    }).nullable(),
    /** Every agreement before the current one that a follow-up found broken. */
    brokenAgreements: z.array(AgreementInput.extend({ brokenAt: z.string() })),
    followUps: z.array(FollowUp),
    diversion: z
      .object({
        channel: DiversionChannel,
        reason: z.string(),
        receivingBody: z.string(),
        divertedAt: z.string(),
        outcome: z
          .object({
            result: z.enum(["upheld", "partly_upheld", "rejected", "settled", "withdrawn"]),
            text: z.string(),
            decidedOn: z.string(),
            recordedAt: z.string(),
          })
          .nullable(),
      })
      .nullable(),
    recordedAt: z.string(),
  })
  .openapi("Dispute");
export type DisputeView = z.infer<typeof DisputeView>;

/** The bodies of the dispute commands: `POST /v1/cases/{id}/dispute/<command>`, If-Match required. */
export const DisputeCommandBodies = {
  /** Records (or replaces, versioned in the case log) the dispute's details; the first makes the case a dispute. */
  record: z.object({
    relation: DisputeRelation,
    summary: Text(4000),
    parties: z.array(PartyInput).min(2, "a dispute has at least two parties").max(20),
    claims: z.array(Claim).max(20).default([]),
  }),
  "add-contact": Contact,
  "record-threat": Threat,
  /** The handler sets or revises the risk level; lowering it below what the rules find needs a reason. */
  grade: z.object({ level: RiskLevel, reason: Text(1000) }),
  "assign-mediator": z.object({ mediatorId: z.string().regex(/^med-[a-z0-9-]{4,60}$/, "must be a mediator id") }),
  "record-session": Session,
  "record-agreement": AgreementInput,
  "follow-up": FollowUp,
  divert: z.object({ channel: DiversionChannel, reason: Text(1000), receivingBody: Text(200) }),
  "record-outcome": z.object({
    result: z.enum(["upheld", "partly_upheld", "rejected", "settled", "withdrawn"]),
    text: Text(4000),
    decidedOn: Day,
  }),
} as const;
export type DisputeCommandName = keyof typeof DisputeCommandBodies;
export type DisputeCommandBody<N extends DisputeCommandName> = z.infer<(typeof DisputeCommandBodies)[N]>;

/** What every dispute event carries for its consumers (never a party's identity). */
export const DisputeEventSummary = z.object({
  stage: DisputeStage,
  relation: DisputeRelation,
  riskLevel: RiskLevel,
  mediatorId: z.string().nullable(),
  mediatorKind: MediatorKind.nullable(),
  diversionChannel: DiversionChannel.nullable(),
  amount: z.number().nullable(),
});
export type DisputeEventSummary = z.infer<typeof DisputeEventSummary>;
