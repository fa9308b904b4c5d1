import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Open311Error, Open311Service, Open311ServiceDefinition, type AdmittedMatter } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { clientOf, countRequest } from "./clients";
import { open311Hook } from "./errors";
import { render, type Format } from "./format";

/** Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2, in JSON and XML. */
export const open311 = new OpenAPIHono<AppEnv>({ defaultHook: open311Hook as never });

const County = z.string().regex(/^\d{6}000000$/, "must be a county code like 440703000000");
const json = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { "application/json": { schema } } });
const errors = (description: string) => json(Open311Error, description);
const FORMATS: Format[] = ["json", "xml"];

/** `{code}.json` or `{code}.xml`: Hono cannot match a parameter followed by an extension, so the file name is one parameter. */
export const CodeFile = z.string().regex(/^[A-Za-z0-9._-]{1,64}\.(json|xml)$/, "must be <code>.json or <code>.xml");
export function splitFile(file: string): [string, Format] {
  const dot = file.lastIndexOf(".");
  return [file.slice(0, dot), file.slice(dot + 1) === "xml" ? "xml" : "json"];
}

async function mattersOf(c: Context<AppEnv>, county: string): Promise<AdmittedMatter[]> {
  return c.env.REGISTRY.admittedMatters(county);
}

const toService = (m: AdmittedMatter) => ({
  service_code: m.matterCode,
  service_name: m.name,
  description: m.description ?? m.name,
  metadata: (m.attributes?.length ?? 0) > 0,
  type: "realtime" as const,
  keywords: (m.keywords ?? []).join(","),
  group: m.group ?? "",
});

/** An optional api_key on reads: a trusted app is counted against its own limit (anonymous reads are limited at the gateway). */
async function countIfKeyed(c: Context<AppEnv>, apiKey: string | undefined): Promise<void> {
  if (apiKey !== undefined) await countRequest(c.env.DB, await clientOf(c.env.DB, apiKey));
}

for (const format of FORMATS) {
  open311.openapi(
    createRoute({
      method: "get",
      path: `/open311/v2/services.${format}`,
      summary: "Service list: the matters the county admits (准入事项)",
      request: { query: z.object({ jurisdiction_id: County, api_key: z.string().max(128).optional() }) },
      responses: { 200: json(z.array(Open311Service), "services"), 400: errors("bad jurisdiction_id") },
    }),
    async (c) => {
      const { jurisdiction_id, api_key } = c.req.valid("query");
      await countIfKeyed(c, api_key);
      return render(c, format, "services", (await mattersOf(c, jurisdiction_id)).map(toService)) as never;
    },
  );

}

open311.openapi(
  createRoute({
    method: "get",
    path: "/open311/v2/services/{file}",
    summary: "Service definition: the extra attributes a report of this matter asks for",
    request: { params: z.object({ file: CodeFile }), query: z.object({ jurisdiction_id: County, api_key: z.string().max(128).optional() }) },
    responses: { 200: json(Open311ServiceDefinition, "the definition"), 404: errors("no such service, or it has no attributes") },
  }),
  async (c) => {
    const [service_code, format] = splitFile(c.req.valid("param").file);
    const { jurisdiction_id, api_key } = c.req.valid("query");
    await countIfKeyed(c, api_key);
    const matter = (await mattersOf(c, jurisdiction_id)).find((m) => m.matterCode === service_code);
    if (!matter?.attributes?.length) throw new AppError("not_found", `service_code ${service_code} has no definition in ${jurisdiction_id}`);
    const attributes = matter.attributes.map((a) => ({
      variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: "", order: a.order, description: a.description,
      ...(a.values ? { values: a.values } : {}),
    }));
    return render(c, format, "service_definition", { service_code, attributes }) as never;
  },
);
