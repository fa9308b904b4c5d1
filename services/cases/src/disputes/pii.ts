import { piiKeys, type PiiKeys } from "@civicgrid/http/pii";
import type { Env } from "../env";

/**
 * The keys that seal named dispute parties: their own HKDF domain, so a dispute's repeat key (the keyed hash of an
 * ID number) cannot be joined with the roster's or base data's hashes (PIPL art. 28: sensitive data kept apart).
 */
export const disputeKeys = (env: Env): Promise<PiiKeys> => piiKeys(env.PII_KEY, "civicgrid-disputes");

/** What a named party's sealed value holds, opened only by the audited identity read. */
export interface SealedIdentity {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}
