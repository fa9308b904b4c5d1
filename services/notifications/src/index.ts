import { ServiceEntrypoint } from "@civicgrid/http";
import { app } from "./app";
import type { Env } from "./env";

/** The notifications service: HTTP from the gateway, RPC for the other services, its scheduled work. */
export default class NotificationsService extends ServiceEntrypoint<Env> {
  protected readonly service = "notifications";
  protected readonly app = app;
}
