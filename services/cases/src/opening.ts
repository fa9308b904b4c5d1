import type {
  CasePriority,
  CaseSource,
  CaseView,
  MatterAdmission,
  Principal,
  PointLocation,
  RequestType,
} from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { actorFor, newCaseId, type Actor, type NewCase } from "./domain";
import type { PhaseTimes } from "./do/case-do";
import { caseStub, type Env } from "./env";
import { countyShard } from "./read-models";
import { database } from "./store/db";
import { cachedRequestTypes } from "./store/request-type-cache";

/** The matter as the county's lists see it: forbidden matters are refused here, quoting the rule. */
export async function admissionOf(env: Env, countyCode: string, categoryCode: string): Promise<MatterAdmission> {
  return admitted(await env.REGISTRY.matterAdmission(countyCode, categoryCode), categoryCode);
}

/** The admission unless the matter is forbidden: then a 422 quoting the county's rule. */
function admitted(admission: MatterAdmission, categoryCode: string): MatterAdmission {
  if (admission.status === "forbidden") {
    throw new AppError(
      "unprocessable",
      `matter ${categoryCode} is on the county's forbidden list: ${admission.rule ?? "no rule text given"}`,
      {
        errors: [{ field: "body.categoryCode", message: admission.rule ?? "forbidden in this county" }],
        extra: { rule: admission.rule ?? null },
      },
    );
  }
  return admission;
}

const outsideEveryGrid = () =>
  new AppError("unprocessable", "the location lies outside every active grid", {
    errors: [{ field: "body.lng", message: "outside every grid" }],
  });

/** Where a reported point lies, or a 422 naming the coordinates when it is outside every active grid. */
export async function placementOf(env: Env, lng: number, lat: number): Promise<PointLocation> {
  const place = await env.REGISTRY.locate(lng, lat);
  if (!place) throw outsideEveryGrid();
  return place;
}

/**
 * Where a reported point lies and the matter's admission there, in one registry call (issue 17); a 422 outside every
 * grid. The admission is checked (a forbidden matter refused) when the report is opened with it.
 */
export async function placeAndAdmissionOf(
  env: Env,
  lng: number,
  lat: number,
  categoryCode: string,
): Promise<{ place: PointLocation; admission: MatterAdmission }> {
  const found = await env.REGISTRY.placeAndAdmit(lng, lat, categoryCode);
  if (!found.place) throw outsideEveryGrid();
  return found;
}

export interface Report {
  title: string;
  description: string;
  categoryCode: string;
  priority: CasePriority;
  source: CaseSource;
  placement: NewCase["placement"];
  location: NewCase["location"];
  reporterSub: string | null;
  followTokenHash?: string | null;
  external?: NewCase["external"];
  workOrder?: NewCase["workOrder"];
  intake?: NewCase["intake"];
  links?: NewCase["links"];
  /** The case's id when the caller fixed it beforehand (an idempotent opening claims it first). */
  id?: string;
  /** The matter's admission at the placement when the caller asked for it already (placeAndAdmissionOf). */
  admission?: MatterAdmission;
  requestType?: RequestType | undefined;
}

/** The county's default step limits for the request type (none without a type or a county default). */
async function requestTypeLimitsOf(env: Env, countyCode: string, type: RequestType | undefined) {
  if (!type) return {};
  return (await cachedRequestTypes(database(env.DB), countyCode))[type] ?? {};
}

/** Times one awaited hop (the report route's Server-Timing spans); the identity for callers that keep no spans. */
export type Span = <W extends Promise<unknown>>(name: string, work: W) => Promise<Awaited<W>>;
const untimed: Span = (_name, work) => work as Promise<Awaited<typeof work>>;

/** An opened case with what its Durable Object measured of its phases. */
export interface Opened {
  case: CaseView;
  phases: PhaseTimes;
  /** The read model's session bookmark after the projection (see setBookmark). */
  bookmark: string | null;
}

/**
 * Checks the matter, gives the case its id and opens its Durable Object. A place in a county without a read-model
 * shard is refused before anything opens (its projection would have nowhere to go; issue 17).
 */
export async function openReport(env: Env, report: Report, actor: Actor): Promise<CaseView> {
  return (await openReportTimed(env, report, actor)).case;
}

/** `openReport`, each hop timed by `span`. */
export async function openReportTimed(env: Env, report: Report, actor: Actor, span: Span = untimed): Promise<Opened> {
  countyShard(env, report.placement.countyCode, "body.lng", "unprocessable");
  const admission = report.admission
    ? admitted(report.admission, report.categoryCode)
    : await span("admit", admissionOf(env, report.placement.countyCode, report.categoryCode));
  const requestTypeLimits = await span(
    "types",
    requestTypeLimitsOf(env, report.placement.countyCode, report.requestType),
  );
  const { requestType, admission: _asked, ...rest } = report;
  const id = report.id ?? newCaseId(new Date());
  const result = await span(
    "do",
    caseStub(env, id).open(
      {
        ...rest,
        ...(requestType ? { requestType, requestTypeLimits } : {}),
        id,
        admission,
        followTokenHash: report.followTokenHash ?? null,
        external: report.external ?? null,
        workOrder: report.workOrder ?? null,
      },
      actor,
    ),
  );
  if (!result.ok) throw new AppError("conflict", result.detail);
  return { case: result.case, phases: result.phases ?? {}, bookmark: result.bookmark ?? null };
}

/** A signed-in reporter's actor record, once the policy lets them report at this place. */
export function reporterActor(principal: Principal, place: NewCase["placement"]): Actor {
  const scope = {
    divisionCode: place.villageCode ?? place.townshipCode ?? place.countyCode,
    gridCode: place.gridCode,
    ownerSub: principal.sub,
  };
  const actor = actorFor(principal, "case:report", scope);
  if (!actor) throw new AppError("forbidden", "you may not report cases at this place");
  return actor;
}

export function sourceOf(role: string): CaseSource {
  return role === "grid_worker" ? "grid_worker" : role === "resident" ? "resident" : "agency";
}
