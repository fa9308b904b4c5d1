import { AppError } from "@civicgrid/http";
import { ZodError } from "zod";

/**
 * Across Workers RPC only built-in error types keep their type: an AppError arrives as a plain Error, which the
 * integrations service must treat as a failure and retry. So a refusal that retrying cannot change (an unknown
 * order, a note that does not validate, a command the case's state forbids: any 4xx) crosses as a RangeError,
 * which `isPlatformRefusal` in @civicgrid/contracts recognises and the inbound payload is stored as `refused`.
 */
export async function refusalsAsRangeErrors<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AppError && error.status < 500) throw new RangeError(`${error.code}: ${error.message}`);
    if (error instanceof ZodError)
      throw new RangeError(
        `validation_failed: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`,
      );
    throw error;
  }
}
