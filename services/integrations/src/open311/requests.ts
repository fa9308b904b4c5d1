import { createRoute, z } from "@hono/zod-openapi";
import { Open311Created, Open311Error, Open311Request } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { clientOf, countRequest } from "./clients";
import { render, toOpen311Request, type Format } from "./format";
import { CodeFile, open311, splitFile } from "./routes";

const County = z.string().regex(/^\d{6}000000$/, "must be a county code like 440703000000");
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = (description: string) => json(Open311Error, description);
const DAY_MS = 86_400_000;
/** The specification's defaults: without dates, the last 90 days; never more than 1000 requests. */
const DEFAULT_WINDOW_DAYS = 90;
const MAX_RESULTS = 1000;

const NewRequest = z
  .object({
    api_key: z.string().min(1).max(128).optional(),
    jurisdiction_id: County,
    service_code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/),
    lat: z.coerce.number().min(3).max(54),
    long: z.coerce.number().min(73).max(136),
    address_string: z.string().max(200).optional(),
    email: z.string().max(100).optional(),
    device_id: z.string().max(100).optional(),
    account_id: z.string().max(100).optional(),
    first_name: z.string().max(50).optional(),
    last_name: z.string().max(50).optional(),
    phone: z.string().max(30).optional(),
    description: z.string().trim().min(1).max(4000),
    media_url: z.string().max(500).optional(),
  })
  .catchall(z.string().max(1000));

const ListQuery = z.object({
  jurisdiction_id: County,
  api_key: z.string().max(128).optional(),
  service_request_id: z.string().regex(/^[A-Za-z0-9-]+(,[A-Za-z0-9-]+)*$/, "comma-separated request ids").optional(),
  service_code: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.string().regex(/^(open|closed)(,(open|closed))?$/, "open, closed or open,closed").optional(),
});

for (const format of ["json", "xml"] as Format[]) {
  open311.openapi(
    createRoute({
      method: "post",
      path: `/open311/v2/requests.${format}`,
      summary: "Report a problem at a place (a trusted app's api_key is required); it becomes a case of the grid there",
      request: { body: { required: true, content: { "application/x-www-form-urlencoded": { schema: NewRequest } } } },
      responses: { 200: json(Open311Created, "created"), 400: errors("a field is missing or wrong"), 403: errors("api_key missing or invalid"), 429: errors("rate limited") },
    }),
    async (c) => {
      const form = c.req.valid("form");
      const client = await clientOf(c.env.DB, form.api_key);
      await countRequest(c.env.DB, client);
      const matter = (await c.env.REGISTRY.admittedMatters(form.jurisdiction_id)).find((m) => m.matterCode === form.service_code);
      if (!matter) throw AppError.field("service_code", `${form.service_code} is not a service of ${form.jurisdiction_id}`);
      const name = [form.last_name, form.first_name].filter(Boolean).join("") || undefined;
      const contact = name || form.phone || form.email ? { ...(name ? { name } : {}), ...(form.phone ? { phone: form.phone } : {}), ...(form.email ? { email: form.email } : {}) } : undefined;
      const attributes = Object.entries(form).filter(([k]) => k.startsWith("attribute[")).map(([k, v]) => `${k.slice(10, -1)}: ${String(v)}`);
      const description = [form.description, form.address_string ? `地址: ${form.address_string}` : "", ...attributes].filter(Boolean).join("\n").slice(0, 4000);
      const created = await c.env.CASES.reportFromResident({
        categoryCode: matter.matterCode, lng: form.long, lat: form.lat, title: matter.name.slice(0, 100), description, clientId: client.id, ...(contact ? { contact } : {}),
      });
      const notice = "已受理，将转交所在网格办理 (received; routed to the grid where it is)";
      return render(c, format, "service_requests", [{ service_request_id: created.caseId, token: created.followToken, service_notice: notice, account_id: form.account_id ?? null }]) as never;
    },
  );

  open311.openapi(
    createRoute({
      method: "get",
      path: `/open311/v2/requests.${format}`,
      summary: "Requests of a county, filtered as the specification says (ids, service, dates, status)",
      request: { query: ListQuery },
      responses: { 200: json(z.array(Open311Request), "requests"), 400: errors("a filter is wrong") },
    }),
    async (c) => {
      const q = c.req.valid("query");
      if (q.api_key !== undefined) await countRequest(c.env.DB, await clientOf(c.env.DB, q.api_key));
      const ids = q.service_request_id?.split(",");
      const end = q.end_date ?? new Date().toISOString();
      const start = q.start_date ?? (ids ? undefined : new Date(Date.parse(end) - DEFAULT_WINDOW_DAYS * DAY_MS).toISOString());
      if (start && Date.parse(start) > Date.parse(end)) throw AppError.field("start_date", "must not be after end_date");
      const records = await c.env.CASES.publicRequests({
        countyCode: q.jurisdiction_id, limit: MAX_RESULTS,
        ...(ids ? { ids } : {}), ...(q.service_code ? { categoryCode: q.service_code } : {}),
        ...(start ? { start } : {}), ...(ids && !q.end_date ? {} : { end }),
        ...(q.status ? { status: q.status.split(",") as ("open" | "closed")[] } : {}),
      });
      return render(c, format, "service_requests", records.map(toOpen311Request)) as never;
    },
  );

}

open311.openapi(
  createRoute({
    method: "get",
    path: "/open311/v2/requests/{file}",
    summary: "One request",
    request: { params: z.object({ file: CodeFile }), query: z.object({ jurisdiction_id: County.optional(), api_key: z.string().max(128).optional() }) },
    responses: { 200: json(z.array(Open311Request), "the request, as a list of one"), 404: errors("no such request") },
  }),
  async (c) => {
    const [service_request_id, format] = splitFile(c.req.valid("param").file);
    const q = c.req.valid("query");
    if (q.api_key !== undefined) await countRequest(c.env.DB, await clientOf(c.env.DB, q.api_key));
    const record = await c.env.CASES.publicRequest(service_request_id);
    if (!record) throw new AppError("not_found", `no request ${service_request_id}`);
    return render(c, format, "service_requests", [toOpen311Request(record)]) as never;
  },
);

export { open311 };
