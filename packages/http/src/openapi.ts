import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Env } from "hono";

/** The service's generated OpenAPI 3.1 document (never hand-written: it comes from the zod routes). */
export function openApiDocument<E extends Env>(app: OpenAPIHono<E>, service: string, version = "0.1.0") {
  return app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: { title: `civicgrid ${service}`, version },
  });
}
