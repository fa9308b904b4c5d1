import type { BaseDataRpc, PartyReference, ResolvedParty } from "@civicgrid/contracts";
import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { cronJobs } from "./cron";
import type { Env } from "./env";
import { consumeImports } from "./queue/imports";
import { resolveParties } from "./rpc/parties";

export { IdentityShardDO } from "./identity/identity-shard-do";
export { VillageDO } from "./village/village-do";

/**
 * The base-data service: HTTP from the gateway, its crons, the import queue (台账导入: validate, then chunks), and the
 * RPC the cases service calls (BaseDataRpc: a dispute's parties recognised in base data).
 */
export default class BaseDataService extends ServiceEntrypoint<Env> implements BaseDataRpc {
  protected readonly service = "basedata";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    await consumeImports(this.env, batch);
  }

  resolveParties(references: PartyReference[]): Promise<(ResolvedParty | null)[]> {
    return resolveParties(this.env, references);
  }
}
