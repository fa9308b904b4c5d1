import { ServiceEntrypoint } from "@civicgrid/http";
import type { PlatformCaseInput } from "@civicgrid/contracts";
import { app } from "./app";
import type { Env } from "./env";
import { cancelFromPlatform, createFromPlatform } from "./platform";
import { sweep } from "./sweep";

export { CaseDO } from "./do/case-do";

/** The cases service: HTTP from the gateway, RPC for the other services (platform pushes), the supervision sweep. */
export default class CasesService extends ServiceEntrypoint<Env> {
  protected readonly service = "cases";
  protected readonly app = app;
  protected override readonly cronJobs = { "*/5 * * * *": (env: Env, _ctx: ExecutionContext, at: Date) => sweep(env, at) };

  createFromPlatform(input: PlatformCaseInput) {
    return createFromPlatform(this.env, input);
  }

  cancelFromPlatform(platform: string, orderId: string, reason: string) {
    return cancelFromPlatform(this.env, platform, orderId, reason);
  }
}
