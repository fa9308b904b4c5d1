import type { DisputeView, PartyView } from "@civicgrid/contracts";

/**
 * A party as the case's Durable Object keeps it: what answers show (masked), plus `key`, the party's identity for
 * the repeat rule (the base-data record id, or `idh:` and the keyed hash of the ID number of a named party not in
 * base data; null when neither is known), and `sealed`, the named party's full name, ID number and phone encrypted
 * with PII_KEY (`@civicgrid/http/pii`), opened only by the audited identity read.
 */
export interface PartyRecord extends PartyView {
  key: string | null;
  sealed: string | null;
}

/**
 * The dispute inside CaseState: the view's fields with parties as kept, and the police departments told of its
 * violence (`dispute.police_warned`, once), for the early-warning projection (absent until they were told).
 */
export type DisputeRecord = Omit<DisputeView, "parties"> & { parties: PartyRecord[]; warnedDepartmentIds?: string[] };

/** What answers show: the parties without their key and sealed values (the warned departments are in the log). */
export function disputeView(record: DisputeRecord): DisputeView {
  const { warnedDepartmentIds: _warned, ...view } = record;
  return { ...view, parties: record.parties.map(({ key: _key, sealed: _sealed, ...party }) => party) };
}
