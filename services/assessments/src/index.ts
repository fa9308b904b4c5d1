import { checkHealth } from "@civicgrid/http";
import { WorkerEntrypoint } from "cloudflare:workers";
import { app } from "./app";
import type { Env } from "./env";

/** HTTP (forwarded by the gateway) and RPC for other services, over one service binding. */
export default class AssessmentsService extends WorkerEntrypoint<Env> {
  override fetch(request: Request): Response | Promise<Response> {
    return app.fetch(request, this.env, this.ctx);
  }

  health() {
    return checkHealth("assessments", this.env.DB);
  }
}
