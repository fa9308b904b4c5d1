import type {
  CaseLink,
  CasePriority,
  CaseSource,
  MatterAdmission,
  PointLocation,
  RequestType,
  StepLimit,
} from "@civicgrid/contracts";
import type { CaseState, Step } from "./case-state";
import { startClock } from "./deadlines";
import { versioned } from "./decide";
import { offListPending } from "./matter-approval";

/** Everything known when a case is opened: the validated report, where it lies, and what the matter list says. */
export interface NewCase {
  id: string;
  title: string;
  description: string;
  categoryCode: string;
  priority: CasePriority;
  source: CaseSource;
  placement: Pick<PointLocation, "countyCode"> &
    Partial<Pick<PointLocation, "gridCode" | "villageCode" | "townshipCode">>;
  location: { lng: number; lat: number; address: string | null } | null;
  admission: MatterAdmission;
  reporterSub: string | null;
  followTokenHash: string | null;
  external: { platform: string; orderId: string } | null;
  workOrder: { action: "check" | "act"; assignedBy: string } | null;
  /** How a report without a login came in (an Open311 app), for the log: never the reporter's contact itself. */
  intake?: Intake;
  /** Base-data records the case concerns (a need found on a home visit: the visit and whom it visited). */
  links?: CaseLink[];
  /** 咨询, 求助, 投诉, 举报 or 建议, with the county's default limits for it (the matter list's limits win). */
  requestType?: RequestType;
  requestTypeLimits?: Record<string, StepLimit>;
}

export interface Intake {
  channel: "open311";
  clientId: string;
  /** The resident left a way to reach them; what it was is not kept (the service holds no key to encrypt it). */
  contactLeft: boolean;
}

/**
 * The first events of a case: reported (or work order created, held while its matter is off-list); and for emergencies and stability risks
 * (研判预警) at once escalated to the county agency, accepted there with the dispatch clock running.
 */
export function openCase(input: NewCase, now: Date): Step[] {
  const { admission, placement } = input;
  const urgentMatter = admission.emergency === true || admission.stabilityRisk === true;
  const limits: Record<string, StepLimit> = { ...(input.requestTypeLimits ?? {}), ...(admission.limits ?? {}) };
  const holder = placement.villageCode ?? placement.townshipCode ?? placement.countyCode;
  const at = now.toISOString();
  const reported: CaseState = {
    id: input.id,
    version: 0,
    status: "reported",
    title: input.title,
    description: input.description,
    categoryCode: input.categoryCode,
    matterName: admission.name ?? null,
    matterStatus: admission.status === "unlisted" ? "unlisted" : "admitted",
    matterApproved: false,
    matterApproval: null,
    priority: admission.emergency ? "emergency" : input.priority,
    source: input.source,
    workOrder: input.workOrder,
    location: input.location,
    gridCode: placement.gridCode ?? null,
    villageCode: placement.villageCode ?? null,
    townshipCode: placement.townshipCode ?? null,
    countyCode: placement.countyCode,
    holderDivisionCode: holder,
    leadDepartmentId: null,
    assistingDepartmentIds: [],
    reporterSub: input.reporterSub,
    external: input.external,
    emergency: admission.emergency === true,
    stabilityRisk: admission.stabilityRisk === true,
    policeCall: admission.policeCall === true,
    limits,
    step: null,
    stepStartedAt: null,
    dueAt: null,
    warnAt: null,
    warned: false,
    overdue: false,
    returns: 0,
    reworks: 0,
    escalations: 0,
    outcome: null,
    evidence: [],
    rating: null,
    extension: null,
    mergedInto: null,
    closeReason: null,
    createdAt: at,
    updatedAt: at,
    closedAt: null,
    followTokenHash: input.followTokenHash,
    ...(input.links?.length ? { links: input.links } : {}),
    ...(admission.beforeAfterPhotos?.length ? { beforeAfterPhotos: admission.beforeAfterPhotos } : {}),
    ...(input.requestType ? { requestType: input.requestType } : {}),
  };
  const first: Step = {
    type: input.workOrder
      ? offListPending(reported)
        ? "case.work_order_awaiting_approval"
        : "case.work_order_created"
      : "case.reported",
    state: reported,
    details: input.workOrder
      ? { action: input.workOrder.action }
      : {
          source: input.source,
          ...(input.intake ? { intake: input.intake } : {}),
          ...(input.links?.length ? { links: input.links } : {}),
        },
  };
  if (!urgentMatter) return versioned(reported, [first], now);
  const escalated: CaseState = {
    ...reported,
    status: "accepted",
    holderDivisionCode: placement.countyCode,
    escalations: 1,
    ...startClock(reported, "accepted", now),
  };
  return versioned(
    reported,
    [
      first,
      {
        type: "case.escalated",
        state: escalated,
        details: {
          from: holder,
          to: placement.countyCode,
          reason: admission.emergency ? "emergency" : "stability risk",
          policeCall: reported.policeCall,
        },
      },
    ],
    now,
  );
}
