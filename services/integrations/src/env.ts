import type { CasesPlatformRpc, RegistryMattersRpc, RegistryRpc } from "@civicgrid/contracts";
import type { KitBindings, KitEnv } from "@civicgrid/http";

/** A message on our callback queue: which delivery to attempt. */
export interface CallbackMessage {
  deliveryId: string;
}

export interface Env extends KitBindings {
  DB: D1Database;
  CASES: Service & CasesPlatformRpc;
  /** Matters for the service list; `locate` confirms where a report lies (a point, or a place's point). */
  REGISTRY: Service & RegistryMattersRpc & Pick<RegistryRpc, "locate">;
  CALLBACKS: Queue<CallbackMessage>;
  /**
   * JSON: { "<platform id>": ["whsec_…", …] }: bootstrap secrets, each verifying and signing until the first
   * rotation through the admin API (then for its grace period); later secrets live in platform_secrets.
   */
  PLATFORM_SECRETS?: string;
}

export type AppEnv = KitEnv<Env>;

export const SERVICE = "integrations";
/** Queue names, to tell which queue a batch came from. */
export const CASE_EVENTS_QUEUE = "civicgrid-case-events-integrations";
export const CALLBACK_QUEUE = "civicgrid-integrations-callbacks";
/** The callback queue consumer's max_retries in wrangler.toml: a message is tried at most this many times + 1. */
export const CALLBACK_MAX_RETRIES = 8;
