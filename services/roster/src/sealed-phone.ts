import { maskPhone } from "@civicgrid/contracts";
import { encrypt, type PiiKeys } from "@civicgrid/http/pii";

/** A private phone as the roster keeps it (a worker's, a mediator's): encrypted, and the mask answers show. */
export async function sealedPhone(keys: PiiKeys, phone: string) {
  return { phoneCipher: await encrypt(keys, phone), phoneMasked: maskPhone(phone) };
}
