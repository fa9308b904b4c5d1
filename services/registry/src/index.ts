import {
  QUEUES,
  type AdmittedMatter,
  type MatterAdmission,
  type PlaceAndAdmission,
  type PointLocation,
  type RegistryMattersRpc,
  type RegistryRpc,
  type RulingMatterChange,
} from "@civicgrid/contracts";
import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import { cronJobs } from "./cron";
import type { Env } from "./env";
import { consumeBaseDataCounts } from "./queue/basedata-counts";
import { consumeRosterEvents } from "./queue/roster-events";
import * as rpc from "./rpc";
import { dbOf } from "./store/db";

/** The registry service: HTTP from the gateway, RPC for the other services, the roster queue, its cron. */
export default class RegistryService extends ServiceEntrypoint<Env> implements RegistryRpc, RegistryMattersRpc {
  protected readonly service = "registry";
  protected readonly app = app;
  protected override readonly cronJobs = cronJobs;

  locate(lng: number, lat: number, onDate?: string): Promise<PointLocation | null> {
    return rpc.locate(dbOf(this.env.DB), lng, lat, onDate);
  }

  locateMany(points: { lng: number; lat: number }[], onDate?: string): Promise<(PointLocation | null)[]> {
    return rpc.locateMany(dbOf(this.env.DB), points, onDate);
  }

  grid(gridCode: string): ReturnType<RegistryRpc["grid"]> {
    return rpc.grid(dbOf(this.env.DB), gridCode);
  }

  matterAdmission(countyCode: string, matterCode: string, onDate?: string): Promise<MatterAdmission> {
    return rpc.admission(dbOf(this.env.DB), countyCode, matterCode, onDate);
  }

  placeAndAdmit(lng: number, lat: number, matterCode: string, onDate?: string): Promise<PlaceAndAdmission> {
    return rpc.placeAndAdmit(dbOf(this.env.DB), lng, lat, matterCode, onDate);
  }

  admittedMatters(countyCode: string): Promise<AdmittedMatter[]> {
    return rpc.admittedMatters(dbOf(this.env.DB), countyCode);
  }

  division(code: string): ReturnType<RegistryRpc["division"]> {
    return rpc.division(dbOf(this.env.DB), code);
  }

  fileMatterChange(input: RulingMatterChange): Promise<{ id: string; created: boolean }> {
    return rpc.fileMatterChange(dbOf(this.env.DB), input);
  }

  /** Two queues reach the registry: the base data's grid counts, and (every other) the roster's grid servers. */
  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    if (batch.queue === QUEUES.basedataRegistry) await consumeBaseDataCounts(batch, this.env.DB);
    else await consumeRosterEvents(batch, this.env.DB, this.env);
  }
}
