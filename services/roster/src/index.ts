import type { RosterMediatorsRpc, RosterRpc } from "@civicgrid/contracts";
import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { cronJobs } from "./cron";
import type { Env } from "./env";
import { consumeRegistryEvents } from "./queue/registry-events";
import * as rpc from "./rpc";

/** The roster service: HTTP from the gateway, RPC for the other services, the registry's grid events, its cron. */
export default class RosterService extends ServiceEntrypoint<Env> implements RosterRpc, RosterMediatorsRpc {
  protected readonly service = "roster";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;

  gridServers(gridCode: string, onDate?: string) {
    return rpc.gridServers(this.env.DB, gridCode, onDate);
  }

  workerGrids(workerId: string, onDate?: string) {
    return rpc.workerGrids(this.env.DB, workerId, onDate);
  }

  department(departmentId: string) {
    return rpc.department(this.env.DB, departmentId);
  }

  principalStatus(sub: string) {
    return rpc.principalStatus(this.env.DB, sub);
  }

  /** A registered mediator for a dispute's assignment (issue 15), or null. */
  mediator(mediatorId: string) {
    return rpc.mediator(this.env.DB, mediatorId);
  }

  /** civicgrid-registry-events-roster: the registry's grid snapshots (contracts REGISTRY_TO_ROSTER_QUEUE). */
  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    await consumeRegistryEvents(batch, this.env.DB);
  }
}
