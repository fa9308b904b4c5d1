/** Identity documents and codes of demo records: unified social credit codes (GB 32100), passports. */
import { creditCodeCheckChar } from "@civicgrid/contracts";
import type { Rng } from "../random";
import type { Gender } from "../types";

/** Registering authority and organisation kind (GB 32100 positions 1-2) of the unit kinds the demo makes. */
export const CREDIT_KINDS = {
  enterprise: "91", // 工商 · 企业
  sole_trader: "92", // 工商 · 个体工商户
  public_institution: "12", // 机构编制 · 事业单位 (a public school)
  private_non_enterprise: "52", // 民政 · 民办非企业单位
  social_group: "51", // 民政 · 社会团体
} as const;

const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
/** GB 32100 characters: digits and upper-case letters without I, O, S, V, Z. */
const ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";

/**
 * GB 11714 organisation code: 8 characters and a check character (11 - Σ value × weight mod 11; 10 → X, 11 → 0).
 * Codes issued with a credit code since 2015 start with "MA"; letters weigh 10 (A) to 35 (Z).
 */
function organisationCode(rng: Rng): string {
  const body = "MA" + Array.from({ length: 6 }, () => rng.pick([...ALPHABET])).join("");
  const value = (ch: string) => (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55);
  const sum = [...body].reduce((acc, ch, i) => acc + value(ch) * (ORG_WEIGHTS[i] ?? 0), 0);
  const check = 11 - (sum % 11);
  return body + (check === 10 ? "X" : check === 11 ? "0" : String(check));
}

/** A unified social credit code of a unit registered in `division` (6 digits), unique within `taken`. */
export function makeCreditCode(
  rng: Rng,
  kind: keyof typeof CREDIT_KINDS,
  division: string,
  taken: Set<string>,
): string {
  for (;;) {
    const first17 = CREDIT_KINDS[kind] + division + organisationCode(rng);
    const code = first17 + (creditCodeCheckChar(first17) ?? "");
    if (code.length !== 18 || taken.has(code)) continue;
    taken.add(code);
    return code;
  }
}

/** Nationalities of the demo's foreign residents (names listed man, woman, man, woman): Jiangmen is a 侨乡, and its factories employ workers from ASEAN. */
const FOREIGN: readonly { nationality: string; prefix: string; names: readonly string[] }[] = [
  { nationality: "VNM", prefix: "C", names: ["NGUYEN VAN AN", "TRAN THI HOA", "LE VAN MINH", "PHAM THI LAN"] },
  { nationality: "USA", prefix: "5", names: ["DAVID WONG", "JENNIFER LEE", "MICHAEL CHAN", "EMMA YU"] },
  { nationality: "CAN", prefix: "G", names: ["PETER LEUNG", "ANNA TAM", "JASON CHOW", "EMILY KWAN"] },
  { nationality: "PHL", prefix: "P", names: ["JOSE REYES", "MARIA SANTOS", "MARK BAUTISTA", "ANA CRUZ"] },
  { nationality: "MYS", prefix: "A", names: ["LIM WEI MING", "TAN MEI LING", "WONG KAH HO", "ONG SIEW LAN"] },
];

/** A foreigner's passport (5-20 upper-case letters or digits) and the name as written in it. */
export function makePassport(
  rng: Rng,
  taken: Set<string>,
): { number: string; nationality: string; name: string; gender: Gender } {
  const country = rng.pick(FOREIGN);
  const index = rng.int(0, country.names.length - 1);
  for (;;) {
    const number = country.prefix + String(rng.int(10_000_000, 99_999_999));
    if (taken.has(number)) continue;
    taken.add(number);
    return {
      number,
      nationality: country.nationality,
      name: country.names[index] ?? "",
      gender: index % 2 === 0 ? "male" : "female",
    };
  }
}
