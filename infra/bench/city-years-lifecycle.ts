// The lifecycle of one simulated case of the demo city: its events (the assessments' case_events rows) and
// where it stands at the end of the simulation (the read model's row or the archive's). Deterministic per seed.
// The mix, per case reported (a share of a share where nested):
//   3% invalidated within hours, 2% merged into another case within hours;
//   35% resolved on site by the grid worker within hours (of which 40% rated within days);
//   60% the full loop verify → accept → dispatch → sign → handle (median 2 days, a long tail to a month) → check,
//     of which 7% run past the deadline (warning, overdue, 督办) and take 10-40 days, 3% fail the check once and are
//     handled again, 0.5% are paused for 2-6 months; 60% of the closed are rated, and 5% of the ratings are
//     unsatisfied and reopen the case once.
// Events after the end of the simulation have not happened: such a case is still open at its last event before it.
import type { DemoCase, Rng } from "@civicgrid/demo-data";

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

export interface SimEvent {
  type: string;
  at: number;
  /** The deadline of the step the event starts (epoch ms), as the DO puts it in the event. */
  due: number | null;
  rating: string | null;
}

export interface SimCase {
  c: DemoCase;
  reportedAt: number;
  events: SimEvent[];
  status: string;
  /** Epoch ms of the terminal event (closed, rated, invalid, merged); null while open. */
  terminalAt: number | null;
  step: string | null;
  dueAt: number | null;
  warned: boolean;
  overdue: boolean;
  departmentId: string | null;
}

/** The status after each event type; an event absent here leaves the status as it was. */
const STATUS_AFTER: Record<string, string> = {
  "case.reported": "reported",
  "case.verified": "verified",
  "case.accepted": "accepted",
  "case.dispatched": "dispatched",
  "case.signed": "signed",
  "case.handled": "handled",
  "case.check_failed": "signed",
  "case.check_passed": "closed",
  "case.resolved_on_site": "closed",
  "case.rated": "rated",
  "case.reopened": "signed",
  "case.invalidated": "invalid",
  "case.merged": "merged",
};
const STEP_AFTER: Record<string, string | null> = {
  reported: "accept",
  verified: "accept",
  accepted: "dispatch",
  dispatched: "sign",
  signed: "handle",
  handled: "check",
};
export const TERMINAL = new Set(["closed", "rated", "invalid", "merged"]);

/** A lognormal duration (ms) with the median given, clamped to [min, max]. */
function lognormal(rng: Rng, median: number, sigma: number, min: number, max: number): number {
  const z = Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
  return Math.min(max, Math.max(min, median * Math.exp(sigma * z)));
}

function rating(rng: Rng): string {
  const r = rng.next();
  return r < 0.85 ? "satisfied" : r < 0.95 ? "basically_satisfied" : "unsatisfied";
}

/** Every event of the case's life as it would run to its end, ignoring the end of the simulation. */
function timeline(rng: Rng, t0: number): SimEvent[] {
  const out: SimEvent[] = [{ type: "case.reported", at: t0, due: t0 + DAY, rating: null }];
  const add = (type: string, at: number, due: number | null = null, rated: string | null = null) =>
    out.push({ type, at: Math.round(at), due: due === null ? null : Math.round(due), rating: rated });
  const fate = rng.next();
  if (fate < 0.03) return (add("case.invalidated", t0 + rng.float(0.5, 6) * HOUR), out);
  if (fate < 0.05) return (add("case.merged", t0 + rng.float(0.5, 6) * HOUR), out);
  let t = t0;
  if (fate < 0.4) {
    t += rng.float(0.3, 4) * HOUR;
    add("case.resolved_on_site", t);
    if (rng.chance(0.4)) add("case.rated", t + rng.float(0.5, 3) * DAY, null, rating(rng));
    return out;
  }
  add("case.verified", (t += rng.float(0.2, 2) * HOUR));
  add("case.accepted", (t += rng.float(0.2, 3) * HOUR), t + DAY);
  add("case.dispatched", (t += rng.float(0.5, 6) * HOUR), t + DAY);
  add("case.signed", (t += rng.float(0.5, 8) * HOUR), t + 5 * DAY);
  const signedDue = t + 5 * DAY;
  const late = rng.chance(0.07);
  const paused = !late && rng.chance(0.005);
  if (late) {
    add("case.deadline_warning", signedDue - DAY);
    add("case.overdue", signedDue);
    add("case.supervised", signedDue + rng.float(1, 24) * HOUR);
    t = signedDue + rng.float(5, 35) * DAY;
  } else if (paused) {
    add("case.pause_requested", t + rng.float(1, 48) * HOUR);
    add("case.pause_approved", t + rng.float(49, 96) * HOUR);
    t += rng.float(60, 180) * DAY;
    add("case.resumed", t, t + 5 * DAY);
    t += lognormal(rng, 2 * DAY, 0.8, 2 * HOUR, 5 * DAY);
  } else t += lognormal(rng, 2 * DAY, 0.9, 2 * HOUR, 30 * DAY);
  add("case.handled", t, t + 3 * DAY);
  if (rng.chance(0.03)) {
    add("case.check_failed", (t += rng.float(4, 48) * HOUR), t + 3 * DAY);
    add("case.handled", (t += rng.float(1, 5) * DAY), t + 3 * DAY);
  }
  add("case.check_passed", (t += rng.float(2, 72) * HOUR));
  if (!rng.chance(0.6)) return out;
  const first = rating(rng);
  add("case.rated", (t += rng.float(0.5, 5) * DAY), null, first);
  if (first === "unsatisfied") {
    add("case.reopened", (t += rng.float(1, 24) * HOUR), t + 5 * DAY);
    add("case.handled", (t += rng.float(1, 7) * DAY), t + 3 * DAY);
    add("case.check_passed", (t += rng.float(2, 72) * HOUR));
  }
  return out;
}

/** The case as it stands at `now`: the events up to it, its status, step, deadline and flags. */
export function simulate(rng: Rng, c: DemoCase, departments: readonly string[], now: number): SimCase {
  const reportedAt = Date.parse(c.reportedAt);
  const events = timeline(rng, reportedAt).filter((e) => e.at <= now);
  let status = "reported";
  let dueAt: number | null = null;
  let warned = false;
  let overdue = false;
  for (const e of events) {
    status = STATUS_AFTER[e.type] ?? status;
    if (e.due !== null) dueAt = e.due;
    if (e.type === "case.deadline_warning") warned = true;
    if (e.type === "case.overdue") overdue = true;
    if (e.type === "case.handled") warned = overdue = false;
  }
  const terminal = TERMINAL.has(status);
  const dispatched = events.some((e) => e.type === "case.dispatched");
  return {
    c,
    reportedAt,
    events,
    status,
    terminalAt: terminal ? events.at(-1)!.at : null,
    step: terminal ? null : (STEP_AFTER[status] ?? null),
    dueAt: terminal ? null : dueAt,
    warned,
    overdue,
    departmentId: dispatched && departments.length ? departments[Math.floor(rng.next() * departments.length)]! : null,
  };
}
