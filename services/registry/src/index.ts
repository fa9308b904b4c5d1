import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import type { Env } from "./env";

/** The registry service: HTTP from the gateway, RPC for the other services, its scheduled work. */
export default class RegistryService extends ServiceEntrypoint<Env> {
  protected readonly service = "registry";
  protected readonly app = app;
}
