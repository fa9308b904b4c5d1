// The typed client of the public API: openapi-fetch over the types generated from /openapi.json (schema.d.ts).
// Browser-safe: fetch, Request and Headers only.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, paths } from "./schema";

type ApiProblem = components["schemas"]["Problem"];
/**
 * RFC 9457 problem details as the API answers them. `code` and `requestId` are optional here because an answer
 * that is not problem+json (a proxy's 502 page) is turned into a problem without them.
 */
export type Problem = Pick<ApiProblem, "type" | "title" | "status" | "detail" | "instance" | "errors"> &
  Partial<Pick<ApiProblem, "code" | "requestId">>;
export type FieldError = NonNullable<Problem["errors"]>[number];

export interface ApiClientOptions {
  /** The API's origin (the console is served from the same one: `location.origin`). */
  baseUrl: string;
  /** The current access token, read before every request (it may have been renewed meanwhile). */
  token?: () => string | undefined | Promise<string | undefined>;
  fetch?: (input: Request) => Promise<Response>;
}

export function createApiClient({ baseUrl, token, fetch }: ApiClientOptions) {
  const client = createClient<paths>({ baseUrl, fetch });
  if (token) client.use(bearer(token));
  return client;
}
export type ApiClient = ReturnType<typeof createApiClient>;

function bearer(token: NonNullable<ApiClientOptions["token"]>): Middleware {
  return {
    async onRequest({ request }) {
      const value = await token();
      if (value) request.headers.set("Authorization", `Bearer ${value}`);
      return request;
    },
  };
}

/** The problem an unsuccessful answer carries; one is made from the status for an answer that is not a problem. */
export function problemOf(error: unknown, response: Response): Problem {
  if (isProblem(error)) return error;
  return {
    type: "about:blank",
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
    ...(typeof error === "string" && error.trim() ? { detail: error.trim() } : {}),
  };
}

function isProblem(value: unknown): value is Problem {
  if (typeof value !== "object" || value === null) return false;
  const { type, title, status } = value as Record<string, unknown>;
  return typeof type === "string" && typeof title === "string" && typeof status === "number";
}

/** A failed API call, carrying its problem so a screen can show `detail` (or `title` when there is none). */
export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    this.name = "ApiError";
  }
  get status(): number {
    return this.problem.status;
  }
}

/** The data of a successful call, or an ApiError with the problem: `const page = await must(api.GET(...))`. */
export async function must<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<NonNullable<T>> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(problemOf(error, response));
  return data as NonNullable<T>;
}
