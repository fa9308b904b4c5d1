import { accessLog, AppError, createRouter, handleError, problemFromError, requestId } from "@civicgrid/http";
import { bodyLimit } from "hono/body-limit";
import { cors } from "hono/cors";
import { runCron, CronRun } from "./routes/admin";
import { authenticate } from "./middleware/authenticate";
import { devJwks } from "./routes/dev-issuer";
import { docsPage } from "./routes/docs-page";
import { settingsOf, type AppEnv } from "./env";
import { forward } from "./routes/forward";
import { healthz } from "./routes/health";
import { mergedOpenApi } from "./routes/openapi";
import { isOpen311Path, open311ErrorResponse } from "./routes/open311-errors";
import { rateLimit } from "./middleware/rate-limit";
import { SERVER_TIMING_HEADER, serverTiming, serverTimingOn } from "./middleware/server-timing";
import { bodyLimitOf } from "./domain/body-limits";
import { isPublicPath, routeFor, SIGNED_PREFIXES } from "./domain/routes-table";
import { validationError } from "@civicgrid/http";

export const app = createRouter<AppEnv>();

app.use("*", serverTiming());
app.use("*", requestId());
app.use("*", accessLog("gateway"));
app.use("*", async (c, next) => {
  const origins = settingsOf(c.env).CORS_ORIGINS;
  return cors({
    origin: (origin) => (origins.includes(origin) ? origin : null),
    allowHeaders: [
      "authorization",
      "content-type",
      "idempotency-key",
      "if-match",
      "if-none-match",
      "x-request-id",
      "x-follow-token",
    ],
    exposeHeaders: [
      "etag",
      "x-request-id",
      "location",
      "retry-after",
      ...(serverTimingOn(c) ? [SERVER_TIMING_HEADER] : []),
    ],
    maxAge: 600,
  })(c, next);
});
app.use("*", async (c, next) => {
  const maxSize = bodyLimitOf(c.req.method, new URL(c.req.url).pathname, settingsOf(c.env));
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("payload_too_large", `the body exceeds ${maxSize} bytes`);
    },
  })(c, next);
});

app.get("/healthz", healthz);
app.get("/openapi.json", mergedOpenApi);
app.get("/docs", async (c) => docsPage(c, await (await mergedOpenApi(c)).json()));
app.get("/dev/jwks.json", devJwks);

app.use("/v1/*", async (c, next) => (isPublicPath(new URL(c.req.url).pathname) ? next() : authenticate()(c, next)));
app.use("/v1/*", rateLimit());

// Webhooks and Open311 carry no bearer token: the integrations service checks the signature or api_key.
for (const prefix of SIGNED_PREFIXES) {
  app.use(`${prefix}*`, rateLimit());
  app.all(`${prefix}*`, (c) => forward(c, c.env.INTEGRATIONS));
}

app.post("/v1/admin/cron", async (c) => {
  const parsed = CronRun.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw validationError(parsed.error, "json");
  return runCron(c, parsed.data);
});

app.all("/v1/*", async (c) => {
  const service = routeFor(new URL(c.req.url).pathname);
  if (!service) throw new AppError("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`);
  return forward(c, c.env[service]);
});

app.onError((error, c) => {
  const { pathname } = new URL(c.req.url);
  if (error instanceof AppError && isOpen311Path(pathname)) return open311ErrorResponse(pathname, error);
  return handleError("gateway", error, c);
});
app.notFound((c) =>
  problemFromError(c, new AppError("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
);
