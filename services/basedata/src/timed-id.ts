/** A time-ordered, unguessable id for D1 rows (imports, campaigns): base36 milliseconds then 16 random hex digits. */
export const timedId = (prefix: string) =>
  `${prefix}-${Date.now().toString(36).padStart(9, "0")}${[...crypto.getRandomValues(new Uint8Array(8))]
    .map((b) => b.toString(16).padStart(2, "0"))
    .join("")}`;
