import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import type { Env } from "./env";

/** The cases service: HTTP from the gateway, RPC for the other services, its scheduled work. */
export default class CasesService extends ServiceEntrypoint<Env> {
  protected readonly service = "cases";
  protected readonly app = app;
}
