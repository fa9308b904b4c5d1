import type { Context } from "hono";
import type { AppEnv } from "./env";
import { isPublicPath, SERVICES } from "./routes-table";

type Doc = {
  paths?: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, unknown>; [k: string]: unknown };
};

/** `/openapi.json`: every service's generated document merged into the one public API. */
export async function mergedOpenApi(c: Context<AppEnv>): Promise<Response> {
  const docs = await Promise.all(
    Object.entries(SERVICES).map(async ([name, key]) => {
      try {
        const res = await c.env[key].fetch("https://service.internal/openapi.json");
        return res.ok ? ([name, (await res.json()) as Doc] as const) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  const paths: NonNullable<Doc["paths"]> = { ...gatewayPaths };
  const schemas: Record<string, unknown> = {};
  for (const entry of docs) {
    if (!entry) continue;
    const [service, doc] = entry;
    Object.assign(schemas, doc.components?.schemas);
    for (const [path, ops] of Object.entries(doc.paths ?? {})) {
      const tagged: Record<string, Record<string, unknown>> = {};
      for (const [method, op] of Object.entries(ops)) {
        tagged[method] = {
          ...op,
          tags: (op.tags as string[] | undefined) ?? [service],
          ...(path.startsWith("/v1/") && !isPublicPath(path) ? { security: [{ bearerAuth: [] }] } : {}),
        };
      }
      paths[path] = tagged;
    }
  }
  return c.json({
    openapi: "3.1.0",
    info: {
      title: "civicgrid API",
      version: "0.1.0",
      description: "Grid-based community governance (网格化服务管理): registry, roster, cases, notifications, assessments.",
    },
    servers: [{ url: new URL(c.req.url).origin }],
    paths,
    components: {
      schemas,
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
  });
}

const gatewayPaths: NonNullable<Doc["paths"]> = {
  "/healthz": { get: { tags: ["gateway"], summary: "Health of the gateway and every service", responses: { "200": { description: "all healthy" }, "503": { description: "a service is unhealthy" } } } },
  "/openapi.json": { get: { tags: ["gateway"], summary: "This document", responses: { "200": { description: "OpenAPI 3.1" } } } },
  "/docs": { get: { tags: ["gateway"], summary: "Human-readable API reference", responses: { "200": { description: "HTML" } } } },
};
