import type { PublicCaseRecord } from "@civicgrid/contracts";
import type { CaseState } from "../domain";

/**
 * The public fields of a case (Open311 GeoReport v2), built from an allow-list so that nothing added to the
 * state later (reporter, contact, follow token, the platform's order) can leak into it.
 */
export function publicRecordOf(s: CaseState): PublicCaseRecord {
  return {
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
  };
}
