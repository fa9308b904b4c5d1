import { kindOfId, villageOfId, type PartyReference, type ResolvedParty } from "@civicgrid/contracts";
import { piiKeys } from "@civicgrid/http/pii";
import { villageStub, type Env } from "../env";
import { lookupIdentity } from "../identity/client";
import { knownVillages } from "../store/villages";
import { identityHash } from "../village/people/identity";
import type { VillageParty } from "../village/people/parties";

const NOT_HELD: ResolvedParty = { ref: null, name: null, villageCode: null, gridCode: null, tagKinds: [] };

/** The record an ID number (GB 11643) belongs to, through the identity index: an active person, or null. */
async function personByIdNumber(env: Env, idNumber: string): Promise<string | null> {
  const keys = await piiKeys(env.PII_KEY, "civicgrid-basedata");
  const hash = await identityHash(keys, { document: "resident_id", number: idNumber });
  const entries = await lookupIdentity(env, "id", hash);
  return entries.find((e) => e.active)?.recordId ?? null;
}

/**
 * BaseDataRpc.resolveParties (the cases service's disputes, issue 15 item 1): one answer per reference, in order.
 * A person or unit id answers its record, or null when there is none; an ID number is looked up in the identity
 * index (keyed hash, never the number itself) so a named party who is in base data is recognised as that person,
 * else it answers a party with no record. The records are read with one call per village object.
 */
export async function resolveParties(
  env: Env,
  references: readonly PartyReference[],
): Promise<(ResolvedParty | null)[]> {
  // An id of the wrong kind (a unit id given as a person) names no such record.
  const ofKind = (id: string, kind: "person" | "unit") => (kindOfId(id) === kind ? id : null);
  const ids = await Promise.all(
    references.map((r) =>
      "personId" in r
        ? ofKind(r.personId, "person")
        : "unitId" in r
          ? ofKind(r.unitId, "unit")
          : personByIdNumber(env, r.idNumber),
    ),
  );
  const byVillage = new Map<string, string[]>();
  for (const id of ids) {
    const village = id ? villageOfId(id) : null;
    if (id && village) byVillage.set(village, [...(byVillage.get(village) ?? []), id]);
  }
  const known = await knownVillages(env.DB, [...byVillage.keys()]);
  const answers = await Promise.all(
    [...byVillage]
      .filter(([v]) => known.has(v))
      .map(async ([v, list]) => [v, await villageStub(env, v).parties([...new Set(list)])] as const),
  );
  const held = new Map<string, VillageParty>(answers.flatMap(([, parties]) => Object.entries(parties)));
  return references.map((r, i) => {
    const id = ids[i];
    const party = id ? held.get(id) : undefined;
    if (party) return { ref: id!, villageCode: villageOfId(id!), ...party };
    // An ID number not in base data is still a party (a named one); an id that names no record is not.
    return "idNumber" in r ? NOT_HELD : null;
  });
}
