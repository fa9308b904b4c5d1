/**
 * Normalised address text for matching: the same address typed twice (full-width digits, spaces, 號/号, 幢/栋/座)
 * gives one key, so the second entry is found instead of stored again.
 */
const VARIANTS: readonly [RegExp, string][] = [
  [/號/g, "号"],
  [/[幢座]/g, "栋"],
  [/[\s\-—–·.,，、()（）]/g, ""],
];

export function normaliseAddressText(text: string): string {
  let out = text.normalize("NFKC").toLowerCase();
  for (const [pattern, replacement] of VARIANTS) out = out.replace(pattern, replacement);
  return out;
}

/** The key of an address under its parent: the parent's key and the normalised name, so a path is unique. */
export function addressKey(parentKey: string | null, name: string): string {
  return parentKey === null ? normaliseAddressText(name) : `${parentKey}/${normaliseAddressText(name)}`;
}
