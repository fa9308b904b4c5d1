import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { cronJobs } from "./cron";
import type { Env } from "./env";
import { consumeImports } from "./queue/imports";

export { IdentityShardDO } from "./identity/identity-shard-do";
export { VillageDO } from "./village/village-do";

/** The base-data service: HTTP from the gateway, its crons, and the import queue (台账导入: validate, then chunks). */
export default class BaseDataService extends ServiceEntrypoint<Env> {
  protected readonly service = "basedata";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    await consumeImports(this.env, batch);
  }
}
