import { createRoute, z } from "@hono/zod-openapi";
import { Open311Request, Open311Token, type PublicCaseRecord } from "@civicgrid/contracts";
import { AppError, sha256Hex } from "@civicgrid/http";
import type { Context } from "hono";
import { toOpen311Request, type Format } from "../../domain/open311-format";
import { csvOf, optionalArg, W3CDateTime } from "../../domain/open311-params";
import type { AppEnv } from "../../env";
import { caseOfTokenHash, extrasOf } from "../../store/open311";
import { readJurisdiction, upstream } from "./door";
import { render } from "./render";
import { answers, ApiKey, CodeFile, COMMON_ERRORS, FORMATS, JurisdictionArg, open311, splitFile } from "./router";

const DAY_MS = 86_400_000;
/** The specification's defaults: without dates, the last 90 days; never more than 1000 requests. */
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;
const REQUEST_ID = /^[A-Za-z0-9-]{1,64}$/;

const ListQuery = z.object({
  jurisdiction_id: JurisdictionArg,
  api_key: ApiKey,
  service_request_id: optionalArg(csvOf(REQUEST_ID, "service_request_id", 100)),
  service_code: optionalArg(csvOf(/^[A-Za-z0-9._-]{1,32}$/, "service_code", 20)),
  start_date: optionalArg(W3CDateTime),
  end_date: optionalArg(W3CDateTime),
  status: optionalArg(csvOf(/^(open|closed)$/, "status", 2)),
});
type ListQuery = z.infer<typeof ListQuery>;

/** The requests a list names. `service_request_id` overrides every other filter, as the specification says. */
async function listed(c: Context<AppEnv>, county: string, q: ListQuery): Promise<PublicCaseRecord[]> {
  const fetch = (query: Omit<Parameters<AppEnv["Bindings"]["CASES"]["publicRequests"]>[0], "countyCode" | "limit">) =>
    upstream("the request list", () =>
      c.env.CASES.publicRequests({ countyCode: county, limit: MAX_RESULTS, ...query }),
    );
  if (q.service_request_id) return fetch({ ids: q.service_request_id });
  const end = q.end_date ?? new Date().toISOString();
  const start = q.start_date ?? new Date(Date.parse(end) - DEFAULT_WINDOW_DAYS * DAY_MS).toISOString();
  if (Date.parse(start) > Date.parse(end)) throw AppError.field("start_date", "must not be after end_date");
  const filters = { start, end, ...(q.status ? { status: q.status as ("open" | "closed")[] } : {}) };
  // The cases service filters one service at a time; a list of codes is their union, newest first.
  const codes = q.service_code ?? [undefined];
  const pages = await Promise.all(codes.map((code) => fetch({ ...filters, ...(code ? { categoryCode: code } : {}) })));
  const unique = new Map(pages.flat().map((r) => [r.caseId, r]));
  return [...unique.values()].sort((a, b) => b.requestedAt.localeCompare(a.requestedAt)).slice(0, MAX_RESULTS);
}

async function answer(c: Context<AppEnv>, format: Format, records: PublicCaseRecord[]): Promise<Response> {
  const extras = await extrasOf(
    c.env.DB,
    records.map((r) => r.caseId),
  );
  return render(
    c,
    format,
    "service_requests",
    records.map((r) => toOpen311Request(r, extras.get(r.caseId))),
  );
}

for (const format of FORMATS) {
  open311.openapi(
    createRoute({
      method: "get",
      path: `/open311/v2/requests.${format}`,
      summary: `Requests of a jurisdiction (${format}), filtered as the specification says (ids, services, dates, status)`,
      security: [],
      request: { query: ListQuery },
      responses: { 200: answers(z.array(Open311Request), "requests"), ...COMMON_ERRORS },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const { countyCode } = await readJurisdiction(c, q);
      return (await answer(c, format, await listed(c, countyCode, q))) as never;
    },
  );
}

const OneQuery = z.object({ jurisdiction_id: JurisdictionArg, api_key: ApiKey });

open311.openapi(
  createRoute({
    method: "get",
    path: "/open311/v2/requests/{file}",
    summary: "One request of the jurisdiction (a request of another jurisdiction is not found)",
    security: [],
    request: { params: z.object({ file: CodeFile }), query: OneQuery },
    responses: { 200: answers(z.array(Open311Request), "the request, as a list of one"), ...COMMON_ERRORS },
  }),
  async (c) => {
    const [id, format] = splitFile(c.req.valid("param").file);
    const { countyCode } = await readJurisdiction(c, c.req.valid("query"));
    const records = REQUEST_ID.test(id)
      ? await upstream("the request", () => c.env.CASES.publicRequests({ countyCode, ids: [id], limit: 1 }))
      : [];
    if (records.length === 0) throw new AppError("not_found", `service_request_id: no request ${id} in ${countyCode}`);
    return (await answer(c, format, records)) as never;
  },
);

open311.openapi(
  createRoute({
    method: "get",
    path: "/open311/v2/tokens/{file}",
    summary: "The service_request_id of the token POST requests answered",
    security: [],
    request: { params: z.object({ file: CodeFile }), query: OneQuery },
    responses: { 200: answers(Open311Token, "the token and its request"), ...COMMON_ERRORS },
  }),
  async (c) => {
    const [token, format] = splitFile(c.req.valid("param").file);
    const { countyCode } = await readJurisdiction(c, c.req.valid("query"));
    const caseId = await caseOfTokenHash(c.env.DB, countyCode, await sha256Hex(token));
    if (!caseId) throw new AppError("not_found", `token: no request for this token in ${countyCode}`);
    return render(c, format, "service_requests", [{ token, service_request_id: caseId }]) as never;
  },
);
