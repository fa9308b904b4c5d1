import type { AdmittedMatter, FieldError } from "@civicgrid/contracts";

type Attribute = NonNullable<AdmittedMatter["attributes"]>[number];
export type AttributeAnswers = Record<string, string | string[]>;

/** What the attributes of a report came to: the answers by code and a line per answer for the case's text. */
export type AttributeCheck =
  { ok: true; answers: AttributeAnswers; lines: string[] } | { ok: false; errors: FieldError[] };

const NUMBER = /^-?\d+(\.\d+)?$/;
const DATETIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;

/**
 * The `attribute[code]` fields of a form (a multivaluelist as repeated `attribute[code][]`, or repeated
 * `attribute[code]`), keyed by code.
 */
export function attributeFields(form: Record<string, unknown>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [key, value] of Object.entries(form)) {
    const m = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!m?.[1]) continue;
    // An empty argument is an absent one (GeoReport v2), so `attribute[X]=` answers nothing.
    const values = (Array.isArray(value) ? value : [value]).map(String).filter((v) => v !== "");
    if (values.length > 0) out[m[1]] = [...(out[m[1]] ?? []), ...values];
  }
  return out;
}

function checkOne(a: Attribute, values: string[]): string | undefined {
  if (values.length === 0) return a.required ? "required" : undefined;
  if (a.datatype !== "multivaluelist" && values.length > 1) return "takes one value";
  const keys = new Set((a.values ?? []).map((v) => v.key));
  if (a.datatype === "singlevaluelist" || a.datatype === "multivaluelist") {
    const wrong = values.filter((v) => !keys.has(v));
    return wrong.length > 0 ? `${wrong.join(", ")} is not one of ${[...keys].join(", ")}` : undefined;
  }
  const value = values[0] ?? "";
  if (a.datatype === "number" && !NUMBER.test(value)) return "must be a number";
  if (a.datatype === "datetime" && !DATETIME.test(value)) return "must be a W3C date-time";
  if (a.datatype === "string" && value.length > 200) return "at most 200 characters";
  if (value.length > 2000) return "at most 2000 characters";
  return undefined;
}

/** Checks the answers against the service definition (required, datatype, list values); unknown codes are refused. */
export function checkAttributes(definition: readonly Attribute[], given: Record<string, string[]>): AttributeCheck {
  const byCode = new Map(definition.map((a) => [a.code, a]));
  const errors: FieldError[] = Object.keys(given)
    .filter((code) => !byCode.has(code))
    .map((code) => ({ field: `attribute[${code}]`, message: "not an attribute of this service" }));
  const answers: AttributeAnswers = {};
  const lines: string[] = [];
  for (const a of [...definition].sort((x, y) => x.order - y.order)) {
    const values = given[a.code] ?? [];
    const problem = checkOne(a, values);
    if (problem) errors.push({ field: `attribute[${a.code}]`, message: problem });
    if (problem || values.length === 0) continue;
    answers[a.code] = a.datatype === "multivaluelist" ? values : (values[0] ?? "");
    const names = values.map((v) => a.values?.find((x) => x.key === v)?.name ?? v);
    lines.push(`${a.description}: ${names.join("、")}`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, answers, lines };
}
