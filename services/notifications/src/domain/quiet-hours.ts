import { inQuietHours, nextLocal } from "./local-time";

export interface QuietPreference {
  quietStart: string | null;
  quietEnd: string | null;
  digest: boolean;
}

/** When a digest goes out for someone who wants digests but set no quiet hours. */
export const DEFAULT_DIGEST_TIME = "08:00";

/**
 * When a non-urgent push to this recipient may go: now (null), or deferred to a due instant. Urgent
 * pushes (emergencies, deadline and overdue notices) never wait. With quiet hours, pushes inside them
 * wait until the quiet end; with daily digest on, every non-urgent push waits for the day's digest.
 */
export function deferUntil(pref: QuietPreference | null, urgent: boolean, at: Date): Date | null {
  if (urgent || !pref) return null;
  const quiet = pref.quietStart !== null && pref.quietEnd !== null;
  if (quiet && inQuietHours(at, pref.quietStart!, pref.quietEnd!)) return nextLocal(at, pref.quietEnd!);
  if (pref.digest) return nextLocal(at, quiet ? pref.quietEnd! : DEFAULT_DIGEST_TIME);
  return null;
}
