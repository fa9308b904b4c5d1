import type {
  CasesBaseDataRpc,
  CasesPlatformRpc,
  PlatformCaseInput,
  PublicCaseQuery,
  VisitCaseInput,
} from "@civicgrid/contracts";
import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { cronJobs } from "./cron";
import type { Env } from "./env";
import { cancelFromPlatform, createFromPlatform, updateFromPlatform } from "./platform";
import { publicRequest, publicRequests } from "./read-model/public-requests";
import { reportFromResident, type Open311Report } from "./resident";
import { refusalsAsRangeErrors } from "./rpc-refusals";
import { attachResidentMedia } from "./media/resident";
import { caseScope, reportFromVisit } from "./visits";

/**
 * The cases service: HTTP from the gateway, RPC for the other services (the integrations service's platform
 * pushes and Open311 requests: CasesPlatformRpc; base data's visits: CasesBaseDataRpc), the supervision sweep on its
 * schedule (cron.ts).
 */
export default class CasesService extends ServiceEntrypoint<Env> implements CasesPlatformRpc, CasesBaseDataRpc {
  protected readonly service = "cases";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;

  createFromPlatform(input: PlatformCaseInput) {
    return refusalsAsRangeErrors(() => createFromPlatform(this.env, input));
  }

  updateFromPlatform(platform: string, orderId: string, update: { description?: string; note: string }) {
    return refusalsAsRangeErrors(() => updateFromPlatform(this.env, platform, orderId, update));
  }

  cancelFromPlatform(platform: string, orderId: string, reason: string) {
    return refusalsAsRangeErrors(() => cancelFromPlatform(this.env, platform, orderId, reason));
  }

  reportFromResident(input: Open311Report) {
    return refusalsAsRangeErrors(() => reportFromResident(this.env, input));
  }

  publicRequest(caseId: string) {
    return publicRequest(this.env, caseId);
  }

  publicRequests(query: PublicCaseQuery) {
    return publicRequests(this.env, query);
  }

  // Base data (CasesBaseDataRpc): needs found on home visits, and where a case lies for a house's link to it.
  reportFromVisit(input: VisitCaseInput) {
    return refusalsAsRangeErrors(() => reportFromVisit(this.env, input));
  }

  caseScope(caseId: string) {
    return caseScope(this.env, caseId);
  }

  // Issue 16 media: a file sent with an Open311 report.
  attachResidentMedia(caseId: string, file: { bytes: Uint8Array; name: string; type: string }) {
    return refusalsAsRangeErrors(() => attachResidentMedia(this.env, caseId, file));
  }
}
