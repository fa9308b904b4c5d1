import { OpenAPIHono, type z } from "@hono/zod-openapi";
import { Problem } from "@civicgrid/contracts";
import { titleOf, type ErrorCode } from "./errors";
import { PROBLEM_CONTENT_TYPE } from "./problem";

/**
 * The honest contract, done once for every service: each operation of a generated OpenAPI document gets a
 * stable unique `operationId`, its security requirement, and every error status it can answer (as RFC 9457
 * problem+json) where the route did not declare it itself. Summaries are never invented: a route without
 * one is listed by `operationsWithoutSummary`, which the contract tests assert to be empty.
 * It works on the generated document, not on `.openapi()` calls, so it sees every route with the path it is
 * mounted at, whichever router registered it.
 */

/** Paths the gateway answers without a bearer token (disclosure, Open311 with its api_key, signed webhooks). */
export const PUBLIC_API_PREFIXES: readonly string[] = ["/v1/public/", "/open311/", "/webhooks/", "/healthz"];

export const BEARER_SCHEME = { type: "http", scheme: "bearer", bearerFormat: "JWT" } as const;

type Parameter = { name: string; in: string; [k: string]: unknown };
export type OpenApiOperation = {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: unknown;
  responses?: Record<string, unknown>;
  tags?: string[];
  [k: string]: unknown;
};
export type OpenApiDocument = {
  openapi: string;
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, unknown>>;
  components?: Record<string, Record<string, unknown> | undefined>;
  [k: string]: unknown;
};
export type ContractOptions = {
  /** Defaults to PUBLIC_API_PREFIXES. */
  publicPrefixes?: readonly string[];
  /** The media types an error is answered in under this path (default: problem+json with the Problem schema). */
  errorContent?: (path: string) => Record<string, unknown> | undefined;
};

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const STATUS_CODE: Record<number, ErrorCode> = {
  400: "validation_failed",
  401: "unauthorized",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
  412: "precondition_failed",
  413: "payload_too_large",
  415: "unsupported_media_type",
  422: "unprocessable",
  428: "precondition_required",
  429: "rate_limited",
  500: "internal",
  502: "bad_gateway",
  503: "unavailable",
};
/** Statuses whose answer says when to try again. */
const RETRY_AFTER = new Set([409, 429, 503]);

/** `post /v1/cases/{id}/dispatch` -> `postV1CasesIdDispatch`. */
export function operationIdOf(method: string, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return method.toLowerCase() + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join("");
}

/** Every (method, path, operation) of a document, in document order. */
export function operationsOf(doc: OpenApiDocument): { method: string; path: string; op: OpenApiOperation }[] {
  return Object.entries(doc.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.has(method))
      .map(([method, op]) => ({ method, path, op: op as OpenApiOperation })),
  );
}

/** `GET /v1/x` for each operation that has no summary: a contract test fails on any. */
export function operationsWithoutSummary(doc: OpenApiDocument): string[] {
  return operationsOf(doc)
    .filter(({ op }) => !op.summary?.trim())
    .map(({ method, path }) => `${method.toUpperCase()} ${path}`);
}

/** The error statuses an operation can answer, from what it takes (see the kit's middleware and the gateway). */
export function standardStatuses(method: string, path: string, op: OpenApiOperation, isPublic: boolean): number[] {
  const command = method !== "get" && method !== "head";
  const hasBody = op.requestBody !== undefined;
  const statuses = [429, 500, 502, 503];
  // A malformed Idempotency-Key is a 400, a key reused with another body a 422, a claim in flight a 409.
  if (command || hasBody || (op.parameters?.length ?? 0) > 0) statuses.push(400, 422);
  if (!isPublic) statuses.push(401, 403);
  else if (command) statuses.push(403);
  if (path.includes("{")) statuses.push(404);
  if (command) statuses.push(409);
  const ifMatch = op.parameters?.some((p) => p.in === "header" && p.name.toLowerCase() === "if-match");
  const onResource = ["put", "patch", "delete"].includes(method) || (method === "post" && path.includes("{"));
  if (ifMatch || (path.startsWith("/v1/") && onResource)) statuses.push(412, 428);
  if (hasBody) statuses.push(413, 415);
  return statuses.sort((a, b) => a - b);
}

function errorResponse(status: number, content: Record<string, unknown>) {
  const code = STATUS_CODE[status];
  return {
    description: code ? titleOf(code) : "Error",
    ...(RETRY_AFTER.has(status)
      ? { headers: { "Retry-After": { description: "seconds to wait before retrying", schema: { type: "integer" } } } }
      : {}),
    content,
  };
}

/** A zod schema as the JSON Schema the services' generator writes for it. */
export function jsonSchemaOf(name: string, schema: z.ZodType): unknown {
  const generator = new OpenAPIHono();
  generator.openAPIRegistry.register(name, schema);
  const doc = generator.getOpenAPI31Document({ openapi: "3.1.0", info: { title: name, version: "0" } });
  return doc.components?.schemas?.[name];
}

let problemSchema: unknown;
function problemJsonSchema(): unknown {
  problemSchema ??= jsonSchemaOf("Problem", Problem);
  return problemSchema;
}

const PROBLEM_CONTENT = { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: "#/components/schemas/Problem" } } };

/** The document with every operation completed (see above); the input is left untouched. */
export function completeDocument(input: OpenApiDocument, options: ContractOptions = {}): OpenApiDocument {
  const doc = structuredClone(input);
  const publicPrefixes = options.publicPrefixes ?? PUBLIC_API_PREFIXES;
  const operations = operationsOf(doc);
  const ids = new Set<string>();
  // Declared ids first, so that a derived one never takes a name a route chose.
  for (const { op } of operations) if (op.operationId) op.operationId = uniqueId(ids, op.operationId);
  for (const { method, path, op } of operations) {
    op.operationId ??= uniqueId(ids, operationIdOf(method, path));
    const isPublic = publicPrefixes.some((p) => path.startsWith(p));
    op.security ??= isPublic ? [] : [{ bearerAuth: [] }];
    const content = options.errorContent?.(path) ?? PROBLEM_CONTENT;
    const responses = (op.responses ??= {});
    for (const status of standardStatuses(method, path, op, isPublic)) {
      responses[String(status)] ??= errorResponse(status, content);
    }
  }
  const components = (doc.components ??= {});
  const schemas = (components.schemas ??= {});
  schemas.Problem ??= problemJsonSchema();
  (components.securitySchemes ??= {}).bearerAuth ??= BEARER_SCHEME;
  return doc;
}

/** `id`, or `id2`, `id3`... if taken; the one returned is taken from then on. */
export function uniqueId(taken: Set<string>, id: string): string {
  let candidate = id;
  for (let n = 2; taken.has(candidate); n++) candidate = `${id}${n}`;
  taken.add(candidate);
  return candidate;
}
