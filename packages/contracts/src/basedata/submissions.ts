import { z } from "@hono/zod-openapi";
import { DivisionCode } from "../division";
import { Change } from "./changes";
import { SubmissionId } from "./ids";

/**
 * A submission: one change to the base data, as a grid worker collects it (采集) and the village or township agency
 * verifies it (核查) before it enters the base (Jiangmen 第十一条(二)). Personal data in `change` is masked in
 * every answer (the full values are kept encrypted).
 */
export const SubmissionStatus = z.enum(["pending", "approved", "rejected", "withdrawn"]);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** What a verifier must see before deciding: the same ID number elsewhere, an address already occupied, a duplicate. */
export const Conflict = z
  .object({
    code: z.enum([
      "duplicate_address",
      "identity_elsewhere",
      "identity_in_village",
      "credit_code_elsewhere",
      "duplicate_unit",
      "house_occupied",
      "address_retired",
      "person_gone",
      "tag_open",
    ]),
    message: z.string(),
    /** The record the conflict is with, when the caller may know of it. */
    recordId: z.string().optional(),
    villageCode: DivisionCode.optional(),
    /** A blocking conflict must be resolved before approval; others are shown for the verifier's judgement. */
    blocking: z.boolean(),
  })
  .openapi("BaseDataConflict");
export type Conflict = z.infer<typeof Conflict>;

export const NewSubmission = z
  .object({
    villageCode: DivisionCode,
    change: Change,
    /** An agency verifying its own collection at once (never a grid worker: their changes wait for verification). */
    verifyNow: z.boolean().default(false),
  })
  .openapi("NewBaseDataSubmission");
export type NewSubmission = z.infer<typeof NewSubmission>;

export const Submission = z
  .object({
    id: SubmissionId,
    villageCode: DivisionCode,
    gridCode: z.string().nullable(),
    change: z.record(z.string(), z.unknown()).openapi({ description: "the change, personal data masked" }),
    status: SubmissionStatus,
    conflicts: z.array(Conflict),
    submittedBy: z.string(),
    submittedAt: z.string(),
    decidedBy: z.string().nullable(),
    decidedAt: z.string().nullable(),
    note: z.string().nullable(),
    /** The record the approved change created or changed. */
    recordId: z.string().nullable(),
    version: z.number().int(),
  })
  .openapi("BaseDataSubmission");
export type Submission = z.infer<typeof Submission>;

export const Decision = z
  .object({ decision: z.enum(["approve", "reject"]), note: z.string().trim().max(1000).optional() })
  .openapi("BaseDataDecision");
export type Decision = z.infer<typeof Decision>;

/** One field's change as the history keeps it: who, when, from what source, and the previous value (masked). */
export const FieldChange = z
  .object({
    recordId: z.string(),
    field: z.string(),
    previous: z.string().nullable(),
    value: z.string().nullable(),
    by: z.string(),
    at: z.string(),
    source: z.string(),
  })
  .openapi("BaseDataFieldChange");
export type FieldChange = z.infer<typeof FieldChange>;
