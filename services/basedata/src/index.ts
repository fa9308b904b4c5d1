import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { cronJobs } from "./cron";
import type { Env } from "./env";

export { IdentityShardDO } from "./identity/identity-shard-do";
export { VillageDO } from "./village/village-do";

/** The base-data service: HTTP from the gateway, its crons, and (later) the import queue. */
export default class BaseDataService extends ServiceEntrypoint<Env> {
  protected readonly service = "basedata";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;
}
