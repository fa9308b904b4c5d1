import { QUEUES } from "@civicgrid/contracts";
import { ServiceEntrypoint, type CronJob } from "@civicgrid/http";
import { app } from "./app";
import { closedPeriodRankings, dailyFacts, pendingRollups } from "./cron";
import type { Env } from "./env";
import { consumeBasedataEvents } from "./queue/basedata-events";
import { consumeCaseEvents } from "./queue/case-events";

/**
 * The assessments service: HTTP from the gateway, case and base-data events from their queues, its scheduled work.
 *
 * Where its data lives (issue 17, years of data). Every D1 database of the service carries the same schema (the
 * same migrations); each table is used in one kind only, the others stay empty.
 * - `FACTS_<first six digits of the county code>`, one per county (infra/shards/counties.json, bindings written by
 *   `npm run shards:generate`; store/shards.ts): the facts that grow with events. case_events, dispute_events,
 *   dispute_counts, indicator_facts, basedata_events, worker/grid/department_day_facts and fact_runs (which days the
 *   shard has rolled up), checkins, patrols and patrol_points. A case event goes to its case's county, a base-data
 *   event to its village's, a check-in or a patrol to the worker's county; so every event of a case, and every
 *   record a day's facts are rebuilt from, is in one shard, and the dedupe keys (event ids, (sub, day), patrol ids)
 *   hold per shard because an event always goes to the same one. An event of a county without a shard is retried
 *   until it is dead-lettered; a worker of such a county is refused (422).
 * - `DB`, city-wide: county_settings, scoring_rules (考核细则), rankings, ranking_runs, idempotency_keys.
 * Readers of a county or anything below it read that county's shard; readers of the city fan out to every shard
 * in parallel and fold the answers (domain/merge.ts): everything folded is a count or a sum, and the counts of
 * distinct cases or grids add up because a case and a grid lie in one county; rates are computed after folding;
 * top-ten lists of subjects that span counties (departments) are cut after summing. Rankings are computed from
 * the folded totals and stored in DB.
 */
export default class AssessmentsService extends ServiceEntrypoint<Env> {
  protected readonly service = "assessments";
  protected readonly app = app;
  protected override readonly cronJobs: Record<string, CronJob<Env>> = {
    "* * * * *": pendingRollups,
    "10 16 * * *": dailyFacts,
    "30 16 * * *": closedPeriodRankings,
  };

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    if (batch.queue === QUEUES.basedataAssessments) return consumeBasedataEvents(this.env, batch);
    await consumeCaseEvents(this.env, batch);
  }
}
