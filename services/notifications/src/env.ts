import type { KitBindings, KitEnv } from "@civicgrid/http";
import type { RegistryRpc, RosterRpc } from "@civicgrid/contracts";

/** What goes on this service's own delivery queue: one delivery to (re)try. */
export interface DeliveryJob {
  deliveryId: string;
}

export interface Env extends KitBindings {
  DB: D1Database;
  /** The delivery queue: push sends, retried with backoff. */
  DELIVERY: Queue<DeliveryJob>;
  /**
   * The event queues of the platform, written to only to redrive a dead letter (every event consumer shares the
   * dead-letter queue this service keeps) to the queues it travels.
   */
  CASE_EVENTS: Queue<unknown>;
  CASE_EVENTS_ASSESSMENTS: Queue<unknown>;
  CASE_EVENTS_INTEGRATIONS: Queue<unknown>;
  REGISTRY_EVENTS: Queue<unknown>;
  REGISTRY_EVENTS_ROSTER: Queue<unknown>;
  ROSTER_EVENTS: Queue<unknown>;
  BASEDATA_EVENTS: Queue<unknown>;
  BASEDATA_EVENTS_ASSESSMENTS: Queue<unknown>;
  /** Phone numbers of duty lines and grid workers. */
  ROSTER: Fetcher & Pick<RosterRpc, "department" | "gridServers">;
  /** Where a grid lies, for the grids a subscription names. */
  REGISTRY: Fetcher & Pick<RegistryRpc, "grid">;
  SMS_PROVIDER?: string;
  SMS_HTTP_URL?: string;
  SMS_HTTP_KEY?: string;
}

export type AppEnv = KitEnv<Env>;
