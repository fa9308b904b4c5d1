/**
 * Structured JSON logs, one line per event. Callers pass identifiers and counts, never bodies,
 * phone numbers or ID numbers: the log stream is readable by operators without a need to know.
 */
export type LogLevel = "debug" | "info" | "warn" | "error";

export function log(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  if (level === "error") console.error(line);
  else if (level === "warn") console.warn(line);
  else console.log(line);
}
