/** `{{name}}` placeholders in zh-CN templates: the names a template uses, and rendering with values. */
const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

export function variablesOf(...texts: string[]): string[] {
  const names = new Set<string>();
  for (const text of texts) for (const m of text.matchAll(PLACEHOLDER)) names.add(m[1]!);
  return [...names];
}

export type Variables = Record<string, string | number | null | undefined>;

/** The names a template needs that `values` does not give (null and empty count as missing). */
export function missingVariables(texts: string[], values: Variables): string[] {
  return variablesOf(...texts).filter(
    (name) => values[name] === undefined || values[name] === null || values[name] === "",
  );
}

/** Fills placeholders; a value an event does not carry is shown as `fallback` rather than as a raw `{{name}}`. */
export function render(text: string, values: Variables, fallback = "—"): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    return value === undefined || value === null || value === "" ? fallback : String(value);
  });
}
