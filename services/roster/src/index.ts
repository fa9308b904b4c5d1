import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import type { Env } from "./env";

/** The roster service: HTTP from the gateway, RPC for the other services, its scheduled work. */
export default class RosterService extends ServiceEntrypoint<Env> {
  protected readonly service = "roster";
  protected readonly app = app;
}
