import { OpenAPIHono } from "@hono/zod-openapi";
import type { Principal } from "@civicgrid/contracts";
import type { Context, Env as HonoEnv } from "hono";
import { HTTPException } from "hono/http-exception";
import { accessLog } from "./access-log";
import { AppError } from "./errors";
import { idempotency } from "./idempotency";
import { loggableError } from "./log-error";
import { log } from "./logging";
import { completeDocument, type ContractOptions, type OpenApiDocument } from "./openapi";
import { principalGuard } from "./principal";
import { problemFromError } from "./problem";
import { requestId } from "./request-id";
import { validationHook } from "./validation";

export interface KitVariables {
  requestId: string;
  principal?: Principal;
}

export interface KitBindings {
  INTERNAL_TOKEN_SECRET: string;
  /** The service's own database; it holds the Idempotency-Key table too. */
  DB: D1Database;
}

export type KitEnv<B extends { INTERNAL_TOKEN_SECRET?: string } = KitBindings, V extends object = object> = {
  Bindings: B;
  Variables: KitVariables & V;
};

/** A fresh router with the shared validation hook, for one resource's routes. */
export function createRouter<E extends HonoEnv>() {
  return new OpenAPIHono<E>({ defaultHook: validationHook as never });
}

/** `GET /openapi.json`: the app's generated document, completed into an honest contract (see ./openapi). */
export function serveOpenApi<E extends HonoEnv>(app: OpenAPIHono<E>, service: string, options: ContractOptions = {}) {
  app.get("/openapi.json", (c) => {
    const info = { title: `civicgrid ${service}`, version: "0.1.0" };
    const doc = app.getOpenAPI31Document({ openapi: "3.1.0", info });
    // The generator's own types are a stricter view of the same JSON.
    return c.json(completeDocument(doc as unknown as OpenApiDocument, options));
  });
}

export type ServiceAppOptions = {
  publicPrefixes?: string[];
  idempotentPaths?: string[];
  /**
   * Exact paths the kit's Idempotency-Key store leaves alone because the route keeps the key itself: a file upload,
   * whose body must not be read as text nor held whole (the route records the key with what it created).
   */
  idempotencyExcept?: string[];
  /** How long an Idempotency-Key claim outlives its request's last sign of life (see ./idempotency). */
  claimTtlMs?: number;
};

/**
 * The Hono app every service starts from: request id, access log, the gateway-principal guard,
 * Idempotency-Key on every command (on `idempotentPaths`, by default all of `/v1/*`; a service whose
 * commands keep their keys elsewhere, like cases in its Durable Objects, names the paths it leaves here),
 * problem+json for every error (5xx logged with the request id, internals never leaked), and its
 * OpenAPI document with operation ids, security and error answers filled in.
 */
export function createServiceApp<E extends KitEnv>(service: string, options: ServiceAppOptions = {}) {
  const app = createRouter<E>();
  app.use("*", requestId());
  app.use("*", accessLog(service));
  app.use(
    "/v1/*",
    principalGuard({
      secret: (c) => (c.env as KitBindings).INTERNAL_TOKEN_SECRET,
      publicPrefixes: options.publicPrefixes,
    }),
  );
  const keys = idempotency((env) => (env as KitBindings).DB, {
    claimTtlMs: options.claimTtlMs,
    except: options.idempotencyExcept,
  });
  for (const path of options.idempotentPaths ?? ["/v1/*"]) app.use(path, keys);
  serveOpenApi(app, service);
  app.onError((error, c) => handleError(service, error, c));
  app.notFound((c) =>
    problemFromError(c, new AppError("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
  );
  return app;
}

export function handleError(service: string, error: unknown, c: Context): Response {
  if (error instanceof AppError) {
    if (error.status >= 500)
      log("error", error.message, { service, requestId: c.get("requestId" as never), code: error.code });
    return problemFromError(c, error);
  }
  if (error instanceof HTTPException) {
    if (error.status === 413) return problemFromError(c, new AppError("payload_too_large", error.message));
    if (error.status === 401) return problemFromError(c, new AppError("unauthorized", error.message));
    // Hono's validators throw a 400 HTTPException for a body that does not parse.
    return problemFromError(c, AppError.field("body", error.message || "the body could not be read", "bad_request"));
  }
  if (error instanceof SyntaxError) {
    return problemFromError(c, AppError.field("body", "the body is not valid JSON", "bad_request"));
  }
  log("error", "unhandled error", {
    service,
    requestId: c.get("requestId" as never),
    ...loggableError(error),
  });
  return problemFromError(c, new AppError("internal", "something went wrong; quote the request id when you report it"));
}
