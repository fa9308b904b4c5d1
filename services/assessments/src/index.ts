import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import type { Env } from "./env";

/** The assessments service: HTTP from the gateway, RPC for the other services, its scheduled work. */
export default class AssessmentsService extends ServiceEntrypoint<Env> {
  protected readonly service = "assessments";
  protected readonly app = app;
}
