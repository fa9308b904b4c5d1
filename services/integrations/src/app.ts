import {
  accessLog,
  AppError,
  createRouter,
  handleError,
  idempotency,
  principalGuard,
  problemFromError,
  requestId,
  serveOpenApi,
} from "@civicgrid/http";
import type { AppEnv, Env } from "./env";
import { deliveriesRoutes } from "./routes/deliveries";
import { inboundRoutes } from "./routes/inbound";
import { open311 } from "./routes/open311";
import { isOpen311, open311ErrorResponse } from "./routes/open311/errors";
import { platformSecrets } from "./routes/platform-secrets";
import { platformsAdmin } from "./routes/platforms";
import { receiver } from "./routes/receiver";
import { webhooks } from "./routes/webhooks";

/**
 * Not a /v1-only service: /webhooks/* is authenticated by the platform's signature and /open311/* by its
 * api_key, so the gateway principal is required only under /v1 (admin routes). The local receiver's POST
 * is signature-checked like a platform would; reading what it received needs a principal.
 */
export const app = createRouter<AppEnv>();
app.use("*", requestId());
app.use("*", accessLog("integrations"));
app.use(
  "/v1/*",
  principalGuard({
    secret: (c) => (c.env as Env).INTERNAL_TOKEN_SECRET,
    publicPrefixes: ["/v1/integrations/receiver/"],
  }),
);
app.use(
  "/v1/*",
  idempotency((env) => (env as Env).DB),
);
// Open311 routes answer errors as GeoReport v2's `[{code, description}]`, in JSON or text/xml as the path asks.
const OPEN311_ERRORS = {
  "application/json": { schema: { $ref: "#/components/schemas/Open311Error" } },
  "text/xml": { schema: { type: "string" } },
};
serveOpenApi(app, "integrations", {
  errorContent: (path) => (path.startsWith("/open311/") ? OPEN311_ERRORS : undefined),
});

for (const router of [webhooks, open311, inboundRoutes, platformsAdmin, platformSecrets, deliveriesRoutes, receiver])
  app.route("/", router);

app.onError((error, c) => (isOpen311(c) ? open311ErrorResponse(c, error) : handleError("integrations", error, c)));
app.notFound((c) => {
  const error = new AppError("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`);
  return isOpen311(c) ? open311ErrorResponse(c, error) : problemFromError(c, error);
});
