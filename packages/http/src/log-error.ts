import { DrizzleQueryError } from "drizzle-orm/errors";

/**
 * What a log line may say of an unhandled error. A failed drizzle query's message carries the query's bound
 * parameters (names, ciphertexts, masked ID numbers): personal data stays out of logs (Jiangmen 第二十二条), so
 * such an error is logged as its query text and its cause (the database's own message, which names the
 * constraint or column, not the values), and a stack keeps only its frames (its head repeats the message).
 */
export function loggableError(error: unknown): { error: string; stack?: string } {
  if (!(error instanceof Error)) return { error: typeof error };
  const stack = error.stack
    ?.split("\n")
    .filter((line) => /^\s+at /.test(line))
    .join("\n");
  if (error instanceof DrizzleQueryError) {
    const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : "unknown cause";
    return { error: `DrizzleQueryError: ${error.query.slice(0, 300)} (${cause})`, stack };
  }
  return { error: `${error.name}: ${error.message}`, stack };
}
