import { piiKeys, type PiiDomain, type PiiKeys } from "@civicgrid/http/pii";
import type { Env } from "../env";

/**
 * The keys that seal named dispute parties: their own HKDF domain, so a dispute's repeat key (the keyed hash of an
 * ID number) cannot be joined with the roster's or base data's hashes (PIPL art. 28: sensitive data kept apart).
 * `PiiDomain` in @civicgrid/http/pii does not list this domain yet (the lead adds "civicgrid-disputes" there); the
 * derivation takes any salt, so the cast changes nothing at run time.
 */
const DISPUTES = "civicgrid-disputes" as PiiDomain;

export const disputeKeys = (env: Env): Promise<PiiKeys> => piiKeys(env.PII_KEY, DISPUTES);

/** What a named party's sealed value holds, opened only by the audited identity read. */
export interface SealedIdentity {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}
