import { QUEUES } from "@civicgrid/contracts";
import { ServiceEntrypoint, type CronJob } from "@civicgrid/http";
import { app } from "./app";
import { closedPeriodRankings, dailyFacts } from "./cron";
import type { Env } from "./env";
import { consumeBasedataEvents } from "./queue/basedata-events";
import { consumeCaseEvents } from "./queue/case-events";

/** The assessments service: HTTP from the gateway, case and base-data events from their queues, its scheduled work. */
export default class AssessmentsService extends ServiceEntrypoint<Env> {
  protected readonly service = "assessments";
  protected readonly app = app;
  protected override readonly cronJobs: Record<string, CronJob<Env>> = {
    "10 16 * * *": dailyFacts,
    "30 16 * * *": closedPeriodRankings,
  };

  override async queue(batch: MessageBatch<unknown>): Promise<void> {
    if (batch.queue === QUEUES.basedataAssessments) return consumeBasedataEvents(this.env, batch);
    await consumeCaseEvents(this.env, batch);
  }
}
