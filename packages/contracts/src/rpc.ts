import type { MatterChange } from "./registry";
import type { MediatorKind } from "./disputes/dispute";
/**
 * The RPC surface each service offers the others over service bindings. Each service's
 * default export implements its interface; callers type their binding with it. These are the
 * agreed shapes: change them only together with both sides.
 */
import type { DivisionCode } from "./division";
import type { Principal } from "./principal";

/** Where a point falls: the grid and the divisions above it. */
export interface PointLocation {
  gridCode: string;
  gridName: string;
  villageCode: DivisionCode;
  townshipCode: DivisionCode;
  countyCode: DivisionCode;
}

/** What the registry answers about a matter (网格事项) in a county on a date. */
export interface MatterAdmission {
  matterCode: string;
  countyCode: DivisionCode;
  /** admitted: on the admission list (准入清单); forbidden: on the forbidden list (禁入清单); unlisted: neither. */
  status: "admitted" | "forbidden" | "unlisted";
  name?: string;
  categoryCode?: string;
  responsibleDepartmentKind?: string;
  /** What the grid worker does with it. */
  workerDuty?: "collect" | "report" | "handle";
  /** Default time limits per step, e.g. { handle: { amount: 5, unit: "working_days" } }. */
  limits?: Record<string, { amount: number; unit: "working_days" | "working_hours" | "minutes" }>;
  emergency?: boolean;
  stabilityRisk?: boolean;
  policeCall?: boolean;
  /** The steps whose record must carry before and after photos (AdmissionItem.beforeAfterPhotos). */
  beforeAfterPhotos?: ("resolve-on-site" | "handle")[];
  /** How near and how recent an open case of the matter counts as a possible duplicate (AdmissionItem.duplicates). */
  duplicates?: { radiusMeters: number; windowDays: number };
  /** For forbidden matters: the rule to quote in the refusal. */
  rule?: string;
  listVersion?: number;
}

/** RegistryRpc.placeAndAdmit's answer. */
export type PlaceAndAdmission = { place: PointLocation; admission: MatterAdmission } | { place: null; admission: null };

export interface RegistryRpc {
  health(): Promise<unknown>;
  /** (lng, lat) → grid, or null outside every active grid; `onDate` (YYYY-MM-DD) asks about the past. */
  locate(lng: number, lat: number, onDate?: string): Promise<PointLocation | null>;
  locateMany(points: { lng: number; lat: number }[], onDate?: string): Promise<(PointLocation | null)[]>;
  grid(
    gridCode: string,
  ): Promise<{ code: string; name: string; villageCode: string; status: "draft" | "active" | "retired" } | null>;
  matterAdmission(countyCode: string, matterCode: string, onDate?: string): Promise<MatterAdmission>;
  /**
   * `locate` and, in the county found, `matterAdmission`, in one call (the report path; issue 17). Outside every
   * active grid both are null.
   */
  placeAndAdmit(lng: number, lat: number, matterCode: string, onDate?: string): Promise<PlaceAndAdmission>;
  /** A division the registry keeps (its name and level), or null: base data refuses villages it does not know. */
  division(
    code: string,
  ): Promise<{ code: string; name: string; level: "city" | "county" | "township" | "village" } | null>;
  /**
   * Files a change request to a county's matters list that an agency's ruling on a disputed return (退单) asked
   * for. Idempotent by `id` (the case derives it from the ruling), so the case's retries file it once.
   */
  fileMatterChange(input: RulingMatterChange): Promise<{ id: string; created: boolean }>;
}

/** A change request an agency's return ruling files (RegistryRpc.fileMatterChange). */
export interface RulingMatterChange {
  id: string;
  countyCode: string;
  change: MatterChange;
  reason: string;
  requestedBy: string;
  requesterUnit: string;
}

/** A worker serving a grid, as other services and the public disclosure see them (no private data). */
export interface GridServer {
  workerId: string;
  name: string;
  role: "chief" | "full_time" | "part_time" | "professional" | "auxiliary";
  workPhone: string;
  departmentId?: string;
}

export interface DutyContact {
  departmentId: string;
  name: string;
  /** The department's kind (公安, 民政, 司法行政 …): what it owns, e.g. the base data's tags (contracts TAG_KINDS). */
  kind: string;
  dutyPhone: string;
  divisionCode: string;
  /** Login subjects of the department's staff who receive its work. */
  staffSubs: string[];
}

export interface RosterRpc {
  health(): Promise<unknown>;
  /** Who serves grid G on date D (default today), with roles. */
  gridServers(gridCode: string, onDate?: string): Promise<GridServer[]>;
  /** The grids worker W serves on date D. */
  workerGrids(workerId: string, onDate?: string): Promise<{ gridCode: string; role: GridServer["role"] }[]>;
  department(departmentId: string): Promise<DutyContact | null>;
  /** Whether a login subject may still act (a dismissed worker's or removed user's token stops working). */
  principalStatus(sub: string): Promise<{ active: boolean; reason?: string }>;
}

/** What the roster offers the cases service for disputes. */
export interface RosterMediatorsRpc {
  /** A registered mediator (人民调解员, a grid worker or a professional), or null when there is none by that id. */
  mediator(mediatorId: string): Promise<MediatorContact | null>;
}

/** A mediator as the cases service checks an assignment: who, of which body, where they may mediate. */
export interface MediatorContact {
  id: string;
  /** The mediator's name as the dispute shows it (a mediator acts in their own name, it is not masked). */
  name: string;
  kind: MediatorKind;
  /** The mediation committee or organisation they belong to; null for a grid worker mediating alone. */
  bodyId: string | null;
  bodyName: string | null;
  /** Where they mediate: the committee's village or township, the organisation's county, the worker's division. */
  divisionCode: string;
  /** The roster worker id when the mediator is a grid worker. */
  workerId: string | null;
  /** Their qualification (e.g. 人民调解员证 number, or a professional certificate), as registered. */
  qualification: string;
  active: boolean;
}

/** One public case as residents' apps see it (Open311 GeoReport v2): no reporter, no private contact. */
export interface PublicCaseRecord {
  caseId: string;
  categoryCode: string;
  categoryName: string;
  /** CaseStatus of the case (reported … archived, invalid, merged). */
  status: string;
  description: string;
  address: string | null;
  lat: number | null;
  lng: number | null;
  requestedAt: string;
  updatedAt: string;
  /** When the current step is due, if one runs. */
  expectedAt: string | null;
  /** Name of the unit handling it now (department or agency), if any. */
  agencyResponsible: string | null;
  /** The last public note (e.g. the outcome when handled). */
  statusNotes: string | null;
}

export interface PublicCaseQuery {
  ids?: string[];
  categoryCode?: string;
  /** ISO instants bounding the report time. */
  start?: string;
  end?: string;
  /** Open311 status: open = not yet closed; closed = closed, rated, archived, invalid or merged. */
  status?: ("open" | "closed")[];
  /** Cases of this county only (Open311 jurisdiction_id). */
  countyCode: string;
  limit: number;
}

/**
 * What the integrations service calls on cases: cases pushed by provincial platforms (粤平安, 12345) and
 * residents' reports through Open311. createFromPlatform and cancelFromPlatform are idempotent on (platform, orderId).
 */
export interface CasesPlatformRpc {
  createFromPlatform(input: {
    platform: string;
    orderId: string;
    categoryCode: string;
    divisionCode: string;
    lng?: number;
    lat?: number;
    title: string;
    description: string;
    reportedAt: string;
  }): Promise<{ caseId: string; created: boolean }>;
  /** A platform's amendment of its order: a note on the case (and the new text of its description, if sent). */
  updateFromPlatform(
    platform: string,
    orderId: string,
    update: { description?: string; note: string },
  ): Promise<{ caseId: string; status: string }>;
  cancelFromPlatform(platform: string, orderId: string, reason: string): Promise<{ caseId: string; status: string }>;
  /** A resident's report through an Open311 app; `contact` is personal data (kept encrypted, never logged). */
  reportFromResident(input: {
    categoryCode: string;
    lng: number;
    lat: number;
    title: string;
    description: string;
    contact?: { name?: string; phone?: string; email?: string };
    clientId: string;
  }): Promise<{ caseId: string; followToken: string }>;
  publicRequest(caseId: string): Promise<PublicCaseRecord | null>;
  publicRequests(query: PublicCaseQuery): Promise<PublicCaseRecord[]>;
  /**
   * Issue 16 media: a file sent with an Open311 report joins its case (stage report, by the anonymous reporter);
   * `publicPath` is the copy without EXIF (null for a kind without one). Refusals cross as RangeErrors.
   */
  attachResidentMedia(
    caseId: string,
    file: { bytes: Uint8Array; name: string; type: string },
  ): Promise<{ mediaId: string; publicPath: string | null }>;
}

/** A matter a county admits, as the Open311 service list shows it. */
export interface AdmittedMatter {
  matterCode: string;
  name: string;
  categoryCode: string;
  description?: string;
  keywords?: string[];
  /** A grouping for residents' apps (e.g. the responsible department kind). */
  group?: string;
  /** Extra questions a report of this matter asks (Open311 service definition attributes). */
  attributes?: {
    code: string;
    description: string;
    datatype: "string" | "number" | "datetime" | "text" | "singlevaluelist" | "multivaluelist";
    required: boolean;
    order: number;
    values?: { key: string; name: string }[];
  }[];
}

export interface RegistryMattersRpc {
  /** The matters on a county's current admission list (准入清单). */
  admittedMatters(countyCode: string): Promise<AdmittedMatter[]>;
}

/** A need a grid worker found on a home visit (走访), to be opened as a case with the visit linked. */
export interface VisitCaseInput {
  /** The grid worker who visited: the case is reported in their name, as if they reported it themselves. */
  principal: Principal;
  visitId: string;
  /** The need's place in the visit's list: (visitId, needIndex) opens one case however often it is asked. */
  needIndex: number;
  title: string;
  description: string;
  categoryCode: string;
  lng: number;
  lat: number;
  address?: string;
  /** Base-data records the case concerns (the visit, a house, a person, a unit). */
  links: { kind: "visit" | "house" | "person" | "unit"; id: string }[];
}

/** A dispute's party as the base-data service resolves it (see BaseDataRpc.resolveParties). */
export type PartyReference = { personId: string } | { unitId: string } | { idNumber: string };

export interface ResolvedParty {
  /** The base-data record (a person or unit id), or null when the ID number is not in base data. */
  ref: string | null;
  /** The masked name (maskName), null when unknown. */
  name: string | null;
  villageCode: string | null;
  gridCode: string | null;
  /** The kinds of the person's open tags (matched against the county's risk rules, never shown). */
  tagKinds: string[];
}

/** What the cases service calls on base data. */
export interface BaseDataRpc {
  /**
   * One answer per reference, in order; null for a person or unit id that does not exist. An ID number is looked
   * up in the identity index, so a named party who is in base data is recognised as that person.
   */
  resolveParties(references: PartyReference[]): Promise<(ResolvedParty | null)[]>;
}

/** What the base-data service calls on cases. */
export interface CasesBaseDataRpc {
  /** Where a case lies, for the jurisdiction check of a link to it (a house's hazard case), or null. */
  caseScope(caseId: string): Promise<{ divisionCode: string; gridCode: string | null } | null>;
  /** Opens (once) the case of a need found on a visit; answers its id. */
  reportFromVisit(input: VisitCaseInput): Promise<{ caseId: string }>;
}
