/** Phone numbers: mainland mobiles (11 digits, 1[3-9]x) and Jiangmen landlines (0750 + 7 digits). */
import type { Rng } from "./random";

const MOBILE_PREFIXES = [
  "130",
  "131",
  "132",
  "133",
  "134",
  "135",
  "136",
  "137",
  "138",
  "139",
  "147",
  "150",
  "151",
  "152",
  "153",
  "155",
  "156",
  "157",
  "158",
  "159",
  "166",
  "172",
  "173",
  "175",
  "176",
  "177",
  "178",
  "180",
  "181",
  "182",
  "183",
  "184",
  "185",
  "186",
  "187",
  "188",
  "189",
  "191",
  "193",
  "195",
  "198",
  "199",
];

const digits = (rng: Rng, n: number): string => Array.from({ length: n }, () => rng.int(0, 9)).join("");

export function mobile(rng: Rng): string {
  return rng.pick(MOBILE_PREFIXES) + digits(rng, 8);
}

/** A Jiangmen landline such as 0750-3xxxxxx; `lead` is the first local digit. */
export function landline(rng: Rng, lead: string = rng.pick(["3", "6", "8"])): string {
  return `0750-${lead}${digits(rng, 6)}`;
}
