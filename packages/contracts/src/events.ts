import { z } from "@hono/zod-openapi";

/**
 * The envelope of every event a service puts on a queue. `id` is stable across redeliveries, so
 * every consumer dedupes on it; `version` orders events of one aggregate (a case, a grid).
 */
export const EventEnvelope = z.object({
  id: z.string().min(1),
  type: z.string().min(1),
  source: z.string(),
  aggregateId: z.string(),
  version: z.number().int().nonnegative(),
  occurredAt: z.string(),
  data: z.record(z.string(), z.unknown()),
});
export type EventEnvelope = z.infer<typeof EventEnvelope>;

/**
 * Queues and the events on them. Cloudflare Queues deliver each queue to one consumer, so a producer
 * sends an event to the queue of every consumer that needs it.
 */
export const QUEUES = {
  /** roster → registry: who serves each grid, for the public disclosure. */
  rosterToRegistry: "civicgrid-roster-events",
  /** registry → notifications: grid and disclosure changes. */
  registryEvents: "civicgrid-registry-events",
  /** cases → notifications. */
  caseEventsNotifications: "civicgrid-case-events-notifications",
  /** cases → assessments. */
  caseEventsAssessments: "civicgrid-case-events-assessments",
  /** cases → integrations: progress of platform cases, sent back to the platform. */
  caseEventsIntegrations: "civicgrid-case-events-integrations",
  /**
   * The one dead-letter queue of every consumer (`max_retries = 5`, then here): notifications keeps each message,
   * alerts the platform administrators and redrives on request. Nothing a consumer gives up on is dropped.
   */
  deadLetters: "civicgrid-dead-letters",
  /** basedata → assessments: visits recorded and collection verified (Gansu 四: 采集上报, 走访). */
  basedataAssessments: "civicgrid-basedata-events-assessments",
  /** basedata → notifications: visit reminders (counts per grid, never who). */
  basedataNotifications: "civicgrid-basedata-events-notifications",
  /** basedata → registry: a grid's households and population from the base data's counts (底数). */
  basedataRegistry: "civicgrid-basedata-events-registry",
  /** basedata → basedata: ledger import chunks. */
  basedataImports: "civicgrid-basedata-imports",
} as const;

/** roster.grid-servers.changed: the full list of who serves a grid now (a snapshot, so redelivery and reordering are harmless given `version`). */
export const GridServersChanged = z.object({
  gridCode: z.string(),
  servers: z.array(
    z.object({
      workerId: z.string(),
      name: z.string(),
      role: z.enum(["chief", "full_time", "part_time", "professional", "auxiliary"]),
      workPhone: z.string(),
      departmentId: z.string().optional(),
    }),
  ),
});
export type GridServersChanged = z.infer<typeof GridServersChanged>;

/** The queue registry → roster: grids created, redrawn or retired, so the roster's vacancy report covers every grid. */
export const REGISTRY_TO_ROSTER_QUEUE = "civicgrid-registry-events-roster";

/**
 * registry.grid.changed: a snapshot of one grid's registry facts (type `registry.grid.changed`, aggregateId the
 * grid code, `version` the grid's own version, so the roster keeps the newest and ignores stale redeliveries).
 */
export const RegistryGridChanged = z.object({
  gridCode: z.string(),
  name: z.string(),
  villageCode: z.string(),
  type: z.enum(["urban", "rural", "dedicated"]),
  status: z.enum(["active", "retired"]),
});
export type RegistryGridChanged = z.infer<typeof RegistryGridChanged>;
