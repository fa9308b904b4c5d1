import { maskIdNumber, maskPhone, type Identity } from "@civicgrid/contracts";
import { encrypt, idHash, type PiiKeys } from "@civicgrid/http/pii";
import type { IdentityKind, IdentityUpdate } from "../../identity/identity-shard-do";
import type { ChangeContext } from "../changes/types";
import { enqueue } from "../outbox";

/**
 * The keyed hashes of a person's identity, phone and name as the identity index keys them (kind, hash): an exact
 * lookup or a duplicate check never needs the value itself (PIPL art. 51: encryption, de-identification).
 */
export const identityHash = (keys: PiiKeys, identity: Identity) =>
  idHash(
    keys,
    identity.document === "resident_id"
      ? `resident_id:${identity.number}`
      : `passport:${identity.nationality}:${identity.number}`,
  );
export const phoneHash = (keys: PiiKeys, phone: string) => idHash(keys, `phone:${phone}`);
export const nameHash = (keys: PiiKeys, name: string) => idHash(keys, `name:${name.normalize("NFKC").trim()}`);

export interface SealedPhone {
  phoneSealed: string;
  phoneHash: string;
  phoneMasked: string;
}

export async function sealPhone(keys: PiiKeys, phone: string): Promise<SealedPhone> {
  return {
    phoneSealed: await encrypt(keys, phone),
    phoneHash: await phoneHash(keys, phone),
    phoneMasked: maskPhone(phone),
  };
}

export interface SealedIdentity {
  idSealed: string;
  idHash: string;
  idMasked: string;
}

/** An identity document as answers show it: an ID number's region and last four, a passport's ends. */
export function maskDocument(identity: Identity): string {
  const n = identity.number;
  return identity.document === "resident_id"
    ? maskIdNumber(n)
    : `${n.slice(0, 2)}${"*".repeat(Math.max(n.length - 4, 1))}${n.slice(-2)}`;
}

export async function sealIdentity(keys: PiiKeys, identity: Identity): Promise<SealedIdentity> {
  return {
    idSealed: await encrypt(keys, identity.number),
    idHash: await identityHash(keys, identity),
    idMasked: maskDocument(identity),
  };
}

/** The identity-index entries a person answers for: id, phone and name hashes (null ones left out). */
export function personKeys(p: { idHash: string | null; phoneHash: string | null; nameHash: string | null }) {
  const keys: [IdentityKind, string | null][] = [
    ["id", p.idHash],
    ["phone", p.phoneHash],
    ["name", p.nameHash],
  ];
  return keys.filter((k): k is [IdentityKind, string] => k[1] !== null);
}

/**
 * Tells the identity shards (through the outbox, in the change's transaction) that `recordId` now answers, or no
 * longer answers, for these hashes; `changedAt` orders late deliveries behind newer ones.
 */
export function enqueueIdentity(
  ctx: Pick<ChangeContext, "db" | "villageCode" | "now">,
  recordId: string,
  entries: readonly (readonly [IdentityKind, string])[],
  active: boolean,
): void {
  const changedAt = ctx.now.getTime();
  for (const [kind, hash] of entries) {
    const update: IdentityUpdate = { kind, hash, recordId, villageCode: ctx.villageCode, active, changedAt };
    enqueue(ctx.db, "identity", `${kind}:${hash}:${recordId}:${changedAt}:${active ? 1 : 0}`, update);
  }
}
