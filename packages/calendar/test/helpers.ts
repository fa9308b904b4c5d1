/** A Shanghai wall-clock time, e.g. at("2026-02-13 10:00") is 2026-02-13T10:00+08:00. */
export function at(local: string): Date {
  return new Date(`${local.replace(" ", "T")}:00+08:00`);
}

export function iso(date: Date): string {
  return date.toISOString();
}
