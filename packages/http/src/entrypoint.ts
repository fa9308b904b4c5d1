import type { Health, ServiceName } from "@civicgrid/contracts";
import { WorkerEntrypoint } from "cloudflare:workers";
import { checkHealth } from "./health";
import { log } from "./logging";

export type CronJob<E> = (env: E, ctx: ExecutionContext, scheduledTime: Date) => Promise<unknown>;

/** What `runCron` answers: the job's own result, or the crons this service knows when it has none by that name. */
export type CronOutcome = { ran: true; cron: string; result: unknown } | { ran: false; cron: string; known: string[] };

/**
 * The default export of every service: HTTP from the gateway (`fetch`), Cron Triggers (`scheduled`),
 * and the RPC methods all services share (`health`, `runCron` for cron on demand). Subclasses add
 * their own RPC methods for the other services.
 */
export abstract class ServiceEntrypoint<E extends { DB: D1Database }> extends WorkerEntrypoint<E> {
  protected abstract readonly service: ServiceName;
  protected abstract readonly app: {
    fetch(request: Request, env: E, ctx: ExecutionContext): Response | Promise<Response>;
  };
  /** Scheduled work keyed by the cron expression of its trigger in wrangler.toml. */
  protected readonly cronJobs: Record<string, CronJob<E>> = {};

  override fetch(request: Request): Response | Promise<Response> {
    return this.app.fetch(request, this.env, this.ctx);
  }

  health(): Promise<Health> {
    return checkHealth(this.service, this.env.DB);
  }

  async runCron(cron: string, scheduledTime: number = Date.now()): Promise<CronOutcome> {
    const job = this.cronJobs[cron];
    if (!job) return { ran: false, cron, known: Object.keys(this.cronJobs) };
    const started = Date.now();
    const result = await job(this.env, this.ctx, new Date(scheduledTime));
    log("info", "cron ran", { service: this.service, cron, ms: Date.now() - started });
    return { ran: true, cron, result };
  }

  override async scheduled(controller: ScheduledController): Promise<void> {
    const outcome = await this.runCron(controller.cron, controller.scheduledTime);
    if (!outcome.ran) log("warn", "no job for this cron trigger", { service: this.service, cron: controller.cron });
  }
}
