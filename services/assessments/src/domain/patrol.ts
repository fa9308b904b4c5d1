import type { PatrolDay } from "@civicgrid/contracts";

/** A patrol keeps at most this many fixes (one every 10 s for 14 hours). */
export const MAX_POINTS_PER_PATROL = 5000;
/** A device clock may run a little ahead; fixes further in the future are refused. */
export const CLOCK_SKEW_MS = 5 * 60_000;
/** A first fix may be taken a little before the patrol was started on the device. */
const START_SLACK_MS = 60_000;

/** Why a patrol command is refused, as a value the route turns into problem+json (`field`: the input at fault). */
export interface PatrolRefusal {
  code: "forbidden" | "invalid_transition" | "unprocessable" | "validation_failed";
  detail: string;
  field?: string;
}

const badField = (field: string, detail: string): PatrolRefusal => ({ code: "validation_failed", field, detail });

/** A patrol starts now or at a moment the device names, never ahead of the clock. */
export function startRefusal(at: string, nowMs: number): PatrolRefusal | null {
  return Date.parse(at) > nowMs + CLOCK_SKEW_MS ? badField("body.at", "is in the future") : null;
}

/** Only the worker on patrol changes it, and only while it is open. */
export function changeRefusal(patrol: { sub: string; status: "open" | "ended" }, sub: string): PatrolRefusal | null {
  if (patrol.sub !== sub) return { code: "forbidden", detail: "only the worker on patrol may change it" };
  if (patrol.status !== "open") return { code: "invalid_transition", detail: "the patrol has ended" };
  return null;
}

/** Fixes lie between the patrol's start and now, and a patrol keeps at most MAX_POINTS_PER_PATROL of them. */
export function pointsRefusal(
  patrol: { startedAt: string; pointCount: number },
  points: readonly { at: string }[],
  nowMs: number,
): PatrolRefusal | null {
  const earliest = Date.parse(patrol.startedAt) - START_SLACK_MS;
  for (const [i, p] of points.entries()) {
    const ms = Date.parse(p.at);
    if (ms < earliest) return badField(`body.points.${i}.at`, "is before the patrol started");
    if (ms > nowMs + CLOCK_SKEW_MS) return badField(`body.points.${i}.at`, "is in the future");
  }
  if (patrol.pointCount + points.length > MAX_POINTS_PER_PATROL) {
    const detail = `a patrol keeps at most ${MAX_POINTS_PER_PATROL} points; start a new patrol`;
    return { code: "unprocessable", detail };
  }
  return null;
}

/** A patrol ends at or after its start. */
export function endRefusal(patrol: { startedAt: string }, at: string): PatrolRefusal | null {
  return Date.parse(at) < Date.parse(patrol.startedAt) ? badField("body.at", "is before the patrol started") : null;
}

/** A worker's patrol day against the county's daily minimum (Gansu 三(二): two hours of patrol a day). */
export function patrolDay(
  who: { sub: string; day: string; checkedIn: boolean; minimumMinutes: number },
  patrols: readonly { countedMinutes: number; countedDistanceM: number; coveredGrids: string[]; flags: unknown[] }[],
): PatrolDay {
  const minutes = Math.round(patrols.reduce((s, p) => s + p.countedMinutes, 0) * 100) / 100;
  return {
    sub: who.sub,
    day: who.day,
    checkedIn: who.checkedIn,
    patrolMinutes: minutes,
    distanceM: Math.round(patrols.reduce((s, p) => s + p.countedDistanceM, 0) * 10) / 10,
    coveredGrids: [...new Set(patrols.flatMap((p) => p.coveredGrids))].sort(),
    minimumMinutes: who.minimumMinutes,
    metMinimum: minutes >= who.minimumMinutes,
    flaggedPatrols: patrols.filter((p) => p.flags.length > 0).length,
  };
}
