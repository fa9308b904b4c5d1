/** Thrown when a date falls in a year for which no holiday data is loaded. Unknown years are never guessed. */
export class CalendarRangeError extends RangeError {
  override readonly name = "CalendarRangeError";
  readonly year: number;
  readonly loadedYears: readonly number[];

  constructor(year: number, loadedYears: readonly number[]) {
    const loaded = loadedYears.length > 0 ? loadedYears.join(", ") : "none";
    super(
      `No working calendar for year ${year} (loaded years: ${loaded}); ` +
        `add that year's State Council holiday data before computing dates in ${year}`,
    );
    this.year = year;
    this.loadedYears = loadedYears;
  }
}

/** Thrown when calendar year data or a working schedule fails validation. */
export class CalendarDataError extends Error {
  override readonly name = "CalendarDataError";
  readonly issues: readonly string[];

  constructor(what: string, issues: readonly string[]) {
    super(`Invalid ${what}: ${issues.join("; ")}`);
    this.issues = issues;
  }
}
