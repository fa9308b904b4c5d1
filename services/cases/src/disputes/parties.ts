import type { Reference, ResourceScope } from "@civicgrid/auth";
import {
  maskIdNumber,
  maskName,
  maskPhone,
  type PartyInput,
  type PartyReference,
  type ResolvedParty,
} from "@civicgrid/contracts";
import { encrypt, idHash, type PiiKeys } from "@civicgrid/http/pii";
import type { PartyRecord } from "../domain/dispute";
import type { Env } from "../env";
import { partyScope } from "../references";
import { disputeKeys, type SealedIdentity } from "./pii";

/**
 * A dispute's parties as the route turns them into what the case keeps (the rule 1; PIPL art. 28 and GB
 * 11643 for ID numbers): base-data people and units by reference (their identity stays in base data, read there with
 * its audited read), named parties sealed with their masks shown. A named party whose ID number base data knows is
 * that person: kept by reference, nothing copied.
 */

type Input = PartyInput & { index: number };

/** What base data is asked about each party: its record, or the ID number of a named party; null when nothing. */
function referenceOf(party: PartyInput): PartyReference | null {
  if (party.kind === "person") return { personId: party.personId };
  if (party.kind === "unit") return { unitId: party.unitId };
  return party.idNumber ? { idNumber: party.idNumber } : null;
}

/** The parties resolved in one call to base data, in input order (null where nothing was asked). */
export async function resolveParties(env: Env, parties: PartyInput[]): Promise<(ResolvedParty | null)[]> {
  const asked = parties.map(referenceOf);
  const refs = asked.filter((r): r is PartyReference => r !== null);
  const answers = refs.length > 0 ? await env.BASEDATA.resolveParties(refs) : [];
  let next = 0;
  return asked.map((r) => (r === null ? null : (answers[next++] ?? null)));
}

/**
 * The references the parties name, with the scopes already resolved (so the check asks base data nothing more): a
 * person or unit by its field, and a named party that base data knows by its ID number's field.
 */
export function partyReferences(
  parties: PartyInput[],
  resolved: (ResolvedParty | null)[],
): { references: Reference[]; known: Record<string, ResourceScope | null> } {
  const references: Reference[] = [];
  const known: Record<string, ResourceScope | null> = {};
  parties.forEach((party, i) => {
    const found = resolved[i] ?? null;
    const at = `body.parties[${i}]`;
    const named = party.kind === "named" ? (found?.ref ?? null) : null;
    const [field, kind, id] =
      party.kind === "person"
        ? [`${at}.personId`, "person" as const, party.personId]
        : party.kind === "unit"
          ? [`${at}.unitId`, "unit" as const, party.unitId]
          : [`${at}.idNumber`, "person" as const, named];
    if (id === null) return;
    references.push({ field, kind, id, action: "dispute:record" });
    known[`${kind}:${id}`] = partyScope(found);
  });
  return { references, known };
}

async function sealNamed(keys: PiiKeys, party: Extract<Input, { kind: "named" }>): Promise<PartyRecord> {
  const identity: SealedIdentity = {
    name: party.name,
    idNumber: party.idNumber ?? null,
    phone: party.phone ?? null,
    address: party.address ?? null,
  };
  return {
    index: party.index,
    kind: "named",
    role: party.role,
    ref: null,
    name: maskName(party.name),
    idNumber: party.idNumber ? maskIdNumber(party.idNumber) : null,
    phone: party.phone ? maskPhone(party.phone) : null,
    key: party.idNumber ? `idh:${await idHash(keys, party.idNumber)}` : null,
    sealed: await encrypt(keys, JSON.stringify(identity)),
  };
}

/** The parties as the case keeps them: base-data records by reference, named parties sealed. */
export async function sealParties(
  env: Env,
  parties: PartyInput[],
  resolved: (ResolvedParty | null)[],
): Promise<PartyRecord[]> {
  const keys = await disputeKeys(env);
  return Promise.all(
    parties.map(async (party, index): Promise<PartyRecord> => {
      const found = resolved[index];
      if (party.kind === "named" && !found?.ref) return sealNamed(keys, { ...party, index });
      const ref = found!.ref!;
      const kind: PartyRecord["kind"] = party.kind === "unit" ? "unit" : "person";
      const base = { index, kind, role: party.role, ref, idNumber: null, phone: null, key: ref, sealed: null };
      return { ...base, name: found?.name ?? "***" };
    }),
  );
}
