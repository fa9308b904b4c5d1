import { scrubPublicText, type PublicCaseRecord, type PublicCaseView } from "@civicgrid/contracts";
import type { CaseState } from "../domain";

/**
 * The public fields of a case (Open311 GeoReport v2), built from an allow-list so that nothing added to the
 * state later (reporter, contact, follow token, the platform's order) can leak into it. Its free text is scrubbed.
 */
export function publicRecordOf(s: CaseState): PublicCaseRecord {
  return scrubbedRecord({
    caseId: s.id,
    categoryCode: s.categoryCode,
    categoryName: s.matterName ?? s.categoryCode,
    status: s.status,
    description: s.description,
    address: s.location?.address ?? null,
    lat: s.location?.lat ?? null,
    lng: s.location?.lng ?? null,
    requestedAt: s.createdAt,
    updatedAt: s.updatedAt,
    expectedAt: s.dueAt,
    // The read model keeps unit ids, not names: the lead department once dispatched, else the agency holding it.
    agencyResponsible: s.leadDepartmentId ?? s.holderDivisionCode,
    // A withdrawn or merged case says why; a handled one gives its outcome.
    statusNotes: s.closeReason ?? s.outcome ?? null,
  });
}

/**
 * A public record with the phone numbers, ID numbers and e-mail addresses a reporter typed into its free text
 * masked (Jiangmen 第二十二条). Applied again when a stored record is read, so rows projected before the scrub
 * existed go out masked too; masking masked text changes nothing.
 */
export function scrubbedRecord(r: PublicCaseRecord): PublicCaseRecord {
  const { description, address, statusNotes } = r;
  return {
    ...r,
    description: scrubPublicText(description),
    address: scrubPublicText(address),
    statusNotes: scrubPublicText(statusNotes),
  };
}

/** What the holder of the follow token sees: the progress, with its free text scrubbed like every public surface. */
export function publicViewOf(s: CaseState, timeline: PublicCaseView["timeline"]): PublicCaseView {
  return {
    id: s.id,
    status: s.status,
    title: scrubPublicText(s.title),
    categoryCode: s.categoryCode,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    closedAt: s.closedAt,
    outcome: scrubPublicText(s.outcome),
    rating: s.rating,
    timeline,
  };
}
