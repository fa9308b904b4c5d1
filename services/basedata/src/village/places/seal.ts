import { maskPhone } from "@civicgrid/contracts";
import { encrypt, type PiiKeys } from "@civicgrid/http/pii";

/** A phone as the village keeps it: sealed (AES-GCM) for the audited unmasked read, masked for every answer. */
export interface SealedPhone {
  sealed: string;
  masked: string;
}

/**
 * Seals the phones a change carries, by field; a field the change leaves out stays undefined, so an update can tell
 * "unchanged" from a new value.
 */
export async function sealPhones<K extends string>(
  keys: PiiKeys,
  phones: Record<K, string | undefined>,
): Promise<Record<K, SealedPhone | undefined>> {
  const entries = await Promise.all(
    Object.entries<string | undefined>(phones).map(async ([field, phone]) => [
      field,
      phone === undefined ? undefined : { sealed: await encrypt(keys, phone), masked: maskPhone(phone) },
    ]),
  );
  return Object.fromEntries(entries) as Record<K, SealedPhone | undefined>;
}

/** A change as answers and history show it: the named phone fields masked. */
export function maskPhoneFields<T extends object>(change: T, fields: readonly (keyof T & string)[]) {
  const out: Record<string, unknown> = { ...(change as Record<string, unknown>) };
  for (const field of fields) if (typeof out[field] === "string") out[field] = maskPhone(out[field]);
  return out;
}
