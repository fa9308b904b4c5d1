import type { Refusal } from "./refusal";

/** Why nobody is appointed to a grid: the registry has retired it. Null for an active or not yet known grid. */
export function retiredGridRefusal(status: string | undefined, gridCode: string, field: string): Refusal | null {
  if (status !== "retired") return null;
  const message = `grid ${gridCode} is retired: nobody is appointed to it`;
  return { code: "unprocessable", detail: `${field}: ${message}`, errors: [{ field, message }] };
}
