import { z } from "@hono/zod-openapi";
import type { FieldError } from "@civicgrid/contracts";

/**
 * The argument rules of GeoReport v2 shared by every Open311 route: an empty argument is the same as an
 * absent one, lists are comma-separated, and dates are W3C date-times (seconds optional).
 */
const blankIsAbsent = (value: unknown) => (value === "" ? undefined : value);

/** An optional argument where `name=` means absent, as the specification's examples send them. */
export const optionalArg = <T extends z.ZodType>(schema: T) => z.preprocess(blankIsAbsent, schema.optional());

/** A jurisdiction_id here is the 12-digit division code of a county that opened the door (see discovery.json). */
export const JurisdictionId = z.string().regex(/^\d{6}000000$/, "must be a county division code like 440703000000");

export const ServiceCode = z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, "letters, digits, . _ - (up to 32)");

/** `a,b,c` of items matching `item`, at most `max` of them, blanks between commas refused. */
export function csvOf(item: RegExp, what: string, max: number) {
  return z
    .string()
    .transform((s) => s.split(","))
    .pipe(
      z
        .array(z.string().regex(item, `each ${what} must match ${item.source}`))
        .min(1)
        .max(max, `at most ${max} ${what}s`),
    );
}

// W3C Date and Time Formats (https://www.w3.org/TR/NOTE-datetime): a complete date, or a date with hh:mm and
// optional seconds and fraction, and then a zone designator (Z or ±hh:mm).
const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/;
/** A date without a time is read in China Standard Time, where the jurisdictions are. */
const LOCAL_ZONE = "+08:00";

function realDate(y: number, mo: number, d: number): boolean {
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** A W3C date-time, normalised to an ISO instant (so `2026-11-02T10:00+08:00` is 2026-11-02T02:00:00.000Z). */
export const W3CDateTime = z.string().transform((text, ctx) => {
  const m = W3C.exec(text);
  const [y, mo, d, h, min, sec] = (m ?? []).slice(1, 7).map((v) => Number(v ?? 0));
  const iso = !m
    ? ""
    : m[4] === undefined
      ? `${text}T00:00:00${LOCAL_ZONE}`
      : `${text.slice(0, 16)}:${m[6] ?? "00"}${m[7] ?? ""}${m[8]}`;
  const ms = Date.parse(iso);
  const timeOk = (h ?? 0) < 24 && (min ?? 0) < 60 && (sec ?? 0) < 60;
  if (!m || !realDate(y ?? 0, mo ?? 0, d ?? 0) || !timeOk || Number.isNaN(ms)) {
    ctx.addIssue({ code: "custom", message: "must be a W3C date-time such as 2026-11-02T10:00+08:00 or 2026-11-02" });
    return z.NEVER;
  }
  return new Date(ms).toISOString();
});

/**
 * The jurisdiction_id of a POST, which the specification lets a client send in the query string or in the form
 * body: either will do, both must agree, and one is required because this endpoint serves several counties.
 */
export function chosenJurisdiction(
  fromQuery: string | undefined,
  fromForm: string | undefined,
): { ok: true; id: string } | { ok: false; error: FieldError } {
  const refused = (message: string) => ({ ok: false as const, error: { field: "jurisdiction_id", message } });
  if (fromQuery && fromForm && fromQuery !== fromForm) {
    return refused("the query string and the form body name different jurisdictions");
  }
  const id = fromForm ?? fromQuery;
  if (!id) return refused("required: this endpoint serves several jurisdictions");
  return { ok: true, id };
}
