import { Open311Error } from "@civicgrid/contracts";
import {
  completeDocument,
  jsonSchemaOf,
  operationsOf,
  PROBLEM_CONTENT_TYPE,
  uniqueId,
  type OpenApiDocument,
} from "@civicgrid/http";
import type { Context } from "hono";
import { CronRun } from "./admin";
import type { AppEnv } from "../env";
import { SERVICES } from "../domain/routes-table";

/** `/openapi.json`: every service's generated document merged into the one public API. */
export async function mergedOpenApi(c: Context<AppEnv>): Promise<Response> {
  const docs = await Promise.all(
    Object.entries(SERVICES).map(async ([name, key]) => {
      try {
        const res = await c.env[key].fetch("https://service.internal/openapi.json");
        return res.ok ? ([name, (await res.json()) as OpenApiDocument] as const) : undefined;
      } catch {
        return undefined;
      }
    }),
  );
  const present = docs.filter((d): d is readonly [string, OpenApiDocument] => d !== undefined);
  return c.json(mergeDocuments([["gateway", gatewayDocument()], ...present], new URL(c.req.url).origin));
}

type Components = Record<string, Record<string, unknown>>;

/**
 * One valid OpenAPI 3.1 document from the services' own: each completed by the http kit (the gateway also
 * completes documents a service did not complete itself), operationIds kept unique across services (a
 * taken one is prefixed with the service's name), and components kept consistent: a component another
 * service already defined differently is renamed for this service and its references rewritten.
 */
export function mergeDocuments(docs: (readonly [string, OpenApiDocument])[], origin: string): OpenApiDocument {
  const paths: NonNullable<OpenApiDocument["paths"]> = {};
  const components: Components = {};
  const ids = new Set<string>();
  for (const [service, raw] of docs) {
    const doc = adoptComponents(completeDocument(raw, { errorContent }), components, service);
    for (const { op } of operationsOf(doc)) {
      op.tags ??= [service];
      const id = op.operationId ?? "";
      op.operationId = uniqueId(ids, ids.has(id) ? service + id.charAt(0).toUpperCase() + id.slice(1) : id);
    }
    for (const [path, item] of Object.entries(doc.paths ?? {})) paths[path] = { ...paths[path], ...item };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "civicgrid API",
      version: "0.1.0",
      description:
        "Grid-based community governance (网格化服务管理): registry, roster, cases, notifications, assessments, " +
        "integrations, and the grid's base data (一标三实).",
    },
    servers: [{ url: origin }],
    tags: docs.map(([name]) => ({ name })),
    paths,
    components,
  };
}

/** Copies the doc's components into `into`, renaming those that clash with a different definition. */
function adoptComponents(doc: OpenApiDocument, into: Components, service: string): OpenApiDocument {
  const renames = new Map<string, string>();
  const adopted: [string, string, unknown][] = [];
  for (const [kind, entries] of Object.entries(doc.components ?? {})) {
    const known = (into[kind] ??= {});
    for (const [name, definition] of Object.entries(entries ?? {})) {
      let target = name;
      if (known[name] !== undefined && JSON.stringify(known[name]) !== JSON.stringify(definition)) {
        target = uniqueId(new Set(Object.keys(known)), service.charAt(0).toUpperCase() + service.slice(1) + name);
        renames.set(`#/components/${kind}/${name}`, `#/components/${kind}/${target}`);
      }
      adopted.push([kind, target, definition]);
    }
  }
  const rewritten = renames.size ? (rewriteRefs(doc, renames) as OpenApiDocument) : doc;
  for (const [kind, name, definition] of adopted) {
    into[kind]![name] ??= renames.size ? rewriteRefs(definition, renames) : definition;
  }
  return rewritten;
}

function rewriteRefs(node: unknown, renames: Map<string, string>): unknown {
  if (Array.isArray(node)) return node.map((n) => rewriteRefs(n, renames));
  if (node === null || typeof node !== "object") return node;
  const rewrite = ([k, v]: [string, unknown]) =>
    [k, k === "$ref" && typeof v === "string" ? (renames.get(v) ?? v) : rewriteRefs(v, renames)] as const;
  return Object.fromEntries(Object.entries(node).map(rewrite));
}

let open311Content: Record<string, unknown> | undefined;
/** Open311 answers errors as `[{code, description}]` in JSON or XML; the gateway's own refusals are problem+json. */
function errorContent(path: string): Record<string, unknown> | undefined {
  if (!path.startsWith("/open311/")) return undefined;
  open311Content ??= {
    "application/json": { schema: jsonSchemaOf("Open311Error", Open311Error) },
    "text/xml": { schema: { type: "string" } },
    [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } },
  };
  return open311Content;
}

const json = (schema: unknown) => ({ "application/json": { schema } });
const answer = (description: string, content: Record<string, unknown> = json({ type: "object" })) => ({
  description,
  content,
});

/** The gateway's own operations. */
function gatewayDocument(): OpenApiDocument {
  const open = { tags: ["gateway"], security: [] };
  return {
    openapi: "3.1.0",
    info: { title: "civicgrid gateway", version: "0.1.0" },
    paths: {
      "/healthz": {
        get: {
          ...open,
          summary: "Health of the gateway; with deep=1, of every service too",
          description:
            "Without `deep`, answers from the gateway alone (it is up). `deep=1` asks every service whether it " +
            "can read its database: 200 when all can, 503 when one cannot.",
          parameters: [
            {
              name: "deep",
              in: "query",
              required: false,
              description: "1: ask every service; 0 (the default): the gateway only",
              schema: { type: "string", enum: ["0", "1"] },
            },
          ],
          responses: {
            "200": answer("the gateway is up (deep=1: and every service is healthy)"),
            "503": answer("deep=1: a service is unhealthy"),
          },
        },
      },
      "/openapi.json": { get: { ...open, summary: "This document", responses: { "200": answer("OpenAPI 3.1") } } },
      "/docs": {
        get: {
          ...open,
          summary: "Human-readable API reference",
          responses: { "200": answer("HTML", { "text/html": { schema: { type: "string" } } }) },
        },
      },
      "/v1/admin/cron": {
        post: {
          tags: ["gateway"],
          summary: "Run a service's scheduled work now (platform administrators)",
          requestBody: { required: true, content: json(jsonSchemaOf("CronRun", CronRun)) },
          responses: { "200": answer("what the scheduled work did") },
        },
      },
    },
  };
}
