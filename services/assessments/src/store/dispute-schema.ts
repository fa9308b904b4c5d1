import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** Where the case lies (its place on the event), and the mediator set on it, as both tables keep them. */
const placeColumns = () => ({
  gridCode: text("grid_code"),
  villageCode: text("village_code"),
  townshipCode: text("township_code"),
  countyCode: text("county_code").notNull(),
});
const mediatorColumns = () => ({ mediatorId: text("mediator_id"), mediatorKind: text("mediator_kind") });

/**
 * Disputes (issue 15 item 6): the case events of dispute cases as far as the figures need them, each once (keyed by
 * the envelope id, so redelivery changes nothing), and the counted occurrences derived from them per case.
 */
export const disputeEvents = sqliteTable(
  "dispute_events",
  {
    id: text("id").primaryKey(),
    caseId: text("case_id").notNull(),
    version: integer("version").notNull(),
    type: text("type").notNull(),
    /** Asia/Shanghai calendar day of the event (YYYY-MM-DD). */
    day: text("day").notNull(),
    ...placeColumns(),
    /** The dispute's stage after the event (DisputeStage). */
    stage: text("stage").notNull(),
    ...mediatorColumns(),
    /** `details.first` of a dispute.recorded (1), `details.kept` of a dispute.followed_up (1 kept, 0 broken). */
    first: integer("first"),
    kept: integer("kept"),
  },
  (t) => [index("dispute_events_case").on(t.caseId, t.version)],
);

/**
 * One row per occurrence a figure counts (see contracts disputes/figures.ts), credited to the place and the mediator
 * of the event that counts and to its day. Derived: a case's rows are deleted and rebuilt from all of its stored
 * dispute events whenever one arrives, so events delivered twice or out of order count as if in order, once.
 */
export const disputeCounts = sqliteTable(
  "dispute_counts",
  {
    eventId: text("event_id").notNull(),
    figure: text("figure").notNull(),
    caseId: text("case_id").notNull(),
    day: text("day").notNull(),
    ...placeColumns(),
    ...mediatorColumns(),
  },
  (t) => [
    primaryKey({ columns: [t.eventId, t.figure] }),
    index("dispute_counts_case").on(t.caseId),
    index("dispute_counts_day").on(t.day, t.countyCode),
  ],
);
