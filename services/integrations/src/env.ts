import type { CasesPlatformRpc, RegistryMattersRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";

/** A message on our callback queue: which delivery to attempt. */
export interface CallbackMessage {
  deliveryId: string;
}

export interface Env extends KitBindings {
  DB: D1Database;
  CASES: Service & CasesPlatformRpc;
  REGISTRY: Service & RegistryMattersRpc;
  CALLBACKS: Queue<CallbackMessage>;
  /** JSON: { "<platform id>": ["whsec_…", …] }; every listed secret verifies, the first signs callbacks. */
  PLATFORM_SECRETS?: string;
}

export type AppEnv = KitEnv<Env>;

export const SERVICE = "integrations";
/** Queue names, to tell which queue a batch came from. */
export const CASE_EVENTS_QUEUE = "civicgrid-case-events-integrations";
export const CALLBACK_QUEUE = "civicgrid-integrations-callbacks";
export const CALLBACK_DLQ = "civicgrid-integrations-callbacks-dlq";
