import { accessLog, AppError, createRouter, handleError, problemFromError, requestId } from "@civicgrid/http";
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
import { serverTiming } from "./middleware/server-timing";
import { bodyLimitFor } from "./middleware/body-limit";
import { corsOf } from "./middleware/cors";
import { isPublicPath, routeFor, SIGNED_PREFIXES } from "./domain/routes-table";
import { validationError } from "@civicgrid/http";

export const app = createRouter<AppEnv>();

app.use("*", serverTiming());
app.use("*", requestId());
app.use("*", accessLog("gateway"));
app.use("*", (c, next) => corsOf(settingsOf(c.env))(c, next));
app.use("*", (c, next) => {
  if (c.req.method === "GET" || c.req.method === "HEAD") return next();
  return bodyLimitFor(c.req.method, c.req.path, settingsOf(c.env))(c, next);
});

app.get("/healthz", healthz);
app.get("/openapi.json", mergedOpenApi);
app.get("/docs", async (c) => docsPage(c, await (await mergedOpenApi(c)).json()));
app.get("/dev/jwks.json", devJwks);

const authenticated = authenticate();
app.use("/v1/*", async (c, next) => (isPublicPath(c.req.path) ? next() : authenticated(c, next)));
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
  const service = routeFor(c.req.path);
  if (!service) throw new AppError("not_found", `no route for ${c.req.method} ${c.req.path}`);
  return forward(c, c.env[service]);
});

// Issue 18: the screens. Every other GET (a page, a bundle, /config.json) and the development sign-in go to the console
// worker as they came; the API's routes above are matched first, so /v1, /healthz, /openapi.json and /docs stay here.
app.on(["GET", "HEAD"], "*", (c) => c.env.CONSOLE.fetch(c.req.raw));
app.post("/dev/token", (c) => c.env.CONSOLE.fetch(c.req.raw));

app.onError((error, c) => {
  const { pathname } = new URL(c.req.url);
  if (error instanceof AppError && isOpen311Path(pathname)) return open311ErrorResponse(pathname, error);
  return handleError("gateway", error, c);
});
app.notFound((c) =>
  problemFromError(c, new AppError("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
);
