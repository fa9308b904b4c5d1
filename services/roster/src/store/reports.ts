import type { ListScope } from "@civicgrid/auth";
import { scopeWhere } from "@civicgrid/http";
import { and, asc, eq, exists, gt, lt, notExists, or, sql } from "drizzle-orm";
import { DEFAULT_SETTINGS } from "../domain/settings";
import type { Db } from "./db";
import { assignments, countySettings, knownGrids, trainings, workers } from "./schema";

type Page = { scope: ListScope; after: string; limit: number };

/** Whether a serving holder of `role` is missing on the grid of the outer row. */
const noServing = (db: Db, role: "chief" | "full_time") =>
  notExists(
    db
      .select({ one: sql`1` })
      .from(assignments)
      .where(
        and(eq(assignments.gridCode, knownGrids.code), eq(assignments.role, role), eq(assignments.status, "active")),
      ),
  );

/**
 * Active grids lacking a serving chief, or a serving full-time worker where their county requires one, by grid
 * code (the known grids' primary key).
 */
export async function vacancies(db: Db, q: Page) {
  const noChief = noServing(db, "chief");
  const noFullTime = and(eq(sql`coalesce(${countySettings.fullTimeRequired}, 0)`, 1), noServing(db, "full_time"));
  const rows = await db
    .select({ code: knownGrids.code, noChief: sql<number>`${noChief}`, noFullTime: sql<number>`${noFullTime}` })
    .from(knownGrids)
    .leftJoin(countySettings, eq(countySettings.countyCode, knownGrids.countyCode))
    .where(
      and(
        eq(knownGrids.status, "active"),
        // A grid code begins with its village's: the code places the grid in the list's divisions.
        scopeWhere(q.scope, { division: knownGrids.code, grid: knownGrids.code }),
        gt(knownGrids.code, q.after),
        or(noChief, noFullTime),
      ),
    )
    .orderBy(asc(knownGrids.code))
    .limit(q.limit + 1);
  return rows.map((r) => ({ code: r.code, noChief: Boolean(r.noChief), noFullTime: Boolean(r.noFullTime) }));
}

/** Serving workers with fewer trainings in `year` than their county requires, by worker id. */
export function trainingShortfall(db: Db, q: Page & { year: string }) {
  const inYear = eq(sql`substr(${trainings.date}, 1, 4)`, q.year);
  const held = db.$count(trainings, and(eq(trainings.workerId, workers.id), inYear));
  const { minTrainingsPerYear } = DEFAULT_SETTINGS;
  const required = sql<number>`coalesce(${countySettings.minTrainingsPerYear}, ${minTrainingsPerYear})`;
  const serving = db
    .select({ one: sql`1` })
    .from(assignments)
    .where(and(eq(assignments.workerId, workers.id), eq(assignments.status, "active")));
  return db
    .select({ workerId: workers.id, name: workers.name, divisionCode: workers.divisionCode, trainings: held, required })
    .from(workers)
    .leftJoin(countySettings, eq(countySettings.countyCode, sql`substr(${workers.divisionCode}, 1, 6) || '000000'`))
    .where(
      and(
        scopeWhere(q.scope, { division: workers.divisionCode }),
        eq(workers.status, "active"),
        gt(workers.id, q.after),
        exists(serving),
        lt(held, required),
      ),
    )
    .orderBy(asc(workers.id))
    .limit(q.limit + 1);
}
