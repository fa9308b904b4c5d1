import type { CaseEventType, CaseView, CommandBody, CommandName } from "@civicgrid/contracts";
import type { DisputeRecord } from "./dispute/record";

/**
 * The DO's whole state: the public view plus what is never shown (the hash of the resident's follow token, a
 * dispute party's sealed identity and repeat key: `viewOf` strips them).
 */
export type CaseState = Omit<CaseView, "dispute"> & {
  followTokenHash: string | null;
  dispute?: DisputeRecord;
  /** The follow tokens' hashes of co-reporters without a login (each may follow and rate the case). */
  coReporterTokenHashes?: string[];
  /** Who rated the case since it last closed (a login, or a follow token's actor): each reporter rates once. */
  raters?: string[];
};

/** Who acted, in the role that granted the action, and their unit (department id or division code). */
export interface Actor {
  sub: string;
  role: string;
  unit: string;
}

export const SYSTEM_ACTOR: Actor = { sub: "system", role: "system", unit: "cases" };

/** A command as the DO receives it: the route's name and its validated body. */
export type CaseCommand = { [N in CommandName]: { name: N; body: CommandBody<N> } }[CommandName];

/** One committed change: its event type, the state after it and free details for the log. */
export interface Step {
  type: CaseEventType;
  state: CaseState;
  details: Record<string, unknown>;
}

/** The answer of the pure machine: either the steps to commit, or a refusal the route turns into problem+json. */
export type Decision =
  | { ok: true; steps: Step[] }
  | { ok: false; code: "invalid_transition" | "forbidden" | "unprocessable"; detail: string; allowed?: string[] };
