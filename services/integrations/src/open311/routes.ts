import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { Open311Error, Open311Service, Open311ServiceDefinition, type AdmittedMatter } from "@civicgrid/contracts";
import { AppError, log } from "@civicgrid/http";
import type { Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env";
import { clientOf, countRequest } from "./clients";
import { open311Errors, open311Hook } from "./errors";
import { render, type Format } from "./format";
import { chosenJurisdiction, jurisdictionOf, type Jurisdiction } from "./jurisdictions";
import { JurisdictionId, optionalArg } from "./params";

/** Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2, in JSON and XML. */
export const open311 = new OpenAPIHono<AppEnv>({ defaultHook: open311Hook as never });

/** A report is a few short fields; anything larger is refused before it is read (413, as an Open311 error array). */
export const MAX_BODY_BYTES = 64 * 1024;
open311.use("/open311/*", bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => open311Errors(c, 413, [`the request body is larger than ${MAX_BODY_BYTES} bytes`]) }));

export const FORMATS: Format[] = ["json", "xml"];
/** The XML routes answer text/xml (GeoReport v2's XML), the JSON routes application/json. */
export const answers = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema }, "text/xml": { schema: z.string() } },
});
export const errors = (description: string) => answers(Open311Error, description);
/** The statuses every Open311 route may answer, each as an `[{code, description}]` array. */
export const COMMON_ERRORS = {
  400: errors("an argument is missing or wrong (each named)"),
  403: errors("api_key not valid"),
  404: errors("unknown jurisdiction_id, service or request"),
  413: errors("the body is too large"),
  429: errors("the app's rate limit is reached"),
  502: errors("an upstream service failed; try again later"),
};

export const ApiKey = optionalArg(z.string().max(128));
export const JurisdictionArg = optionalArg(JurisdictionId);

/** `{code}.json` or `{code}.xml`: Hono cannot match a parameter followed by an extension, so the file name is one parameter. */
export const CodeFile = z.string().regex(/^[A-Za-z0-9._-]{1,64}\.(json|xml)$/, "must be <code>.json or <code>.xml");
export function splitFile(file: string): [string, Format] {
  const dot = file.lastIndexOf(".");
  return [file.slice(0, dot), file.slice(dot + 1) === "xml" ? "xml" : "json"];
}

/** An optional api_key on reads: a trusted app is counted against its own limit (anonymous reads are limited at the gateway). */
async function countIfKeyed(c: Context<AppEnv>, apiKey: string | undefined): Promise<void> {
  if (apiKey !== undefined) await countRequest(c.env.DB, await clientOf(c.env.DB, apiKey));
}

/**
 * The start of every read: a keyed app is counted, then the jurisdiction it names is found (required, as this
 * endpoint serves several counties; 404 when unknown).
 */
export async function readJurisdiction(c: Context<AppEnv>, q: { api_key?: string | undefined; jurisdiction_id?: string | undefined }): Promise<Jurisdiction> {
  await countIfKeyed(c, q.api_key);
  return jurisdictionOf(c.env.DB, chosenJurisdiction(q.jurisdiction_id, undefined));
}

/**
 * A call to another service: its failure is a 502 for the client (logged here), never a 500. Our own refusals
 * raised inside the call pass through (an error from across RPC never arrives as an AppError).
 */
export async function upstream<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof AppError) throw error;
    log("error", `${what} failed`, { service: "integrations", error: error instanceof Error ? error.message : String(error) });
    throw new AppError("bad_gateway", `${what} is not available now; try again later`);
  }
}

export function mattersOf(c: Context<AppEnv>, county: string): Promise<AdmittedMatter[]> {
  return upstream("the service list", () => c.env.REGISTRY.admittedMatters(county));
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

const ReadQuery = z.object({ jurisdiction_id: JurisdictionArg, api_key: ApiKey });

for (const format of FORMATS) {
  open311.openapi(
    createRoute({
      method: "get",
      path: `/open311/v2/services.${format}`,
      summary: `Service list (${format}): the matters the county admits (准入事项)`,
      security: [],
      request: { query: ReadQuery },
      responses: { 200: answers(z.array(Open311Service), "services"), ...COMMON_ERRORS },
    }),
    async (c) => {
      const { countyCode } = await readJurisdiction(c, c.req.valid("query"));
      return render(c, format, "services", (await mattersOf(c, countyCode)).map(toService)) as never;
    },
  );
}

open311.openapi(
  createRoute({
    method: "get",
    path: "/open311/v2/services/{file}",
    summary: "Service definition: the attributes a report of this matter asks for (datatype, required, values, order)",
    security: [],
    request: { params: z.object({ file: CodeFile }), query: ReadQuery },
    responses: { 200: answers(Open311ServiceDefinition, "the definition"), ...COMMON_ERRORS },
  }),
  async (c) => {
    const [service_code, format] = splitFile(c.req.valid("param").file);
    const { countyCode } = await readJurisdiction(c, c.req.valid("query"));
    const matter = (await mattersOf(c, countyCode)).find((m) => m.matterCode === service_code);
    if (!matter) throw new AppError("not_found", `service_code: ${service_code} is not a service of ${countyCode}`);
    const attributes = [...(matter.attributes ?? [])]
      .sort((a, b) => a.order - b.order)
      .map((a) => ({
        variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: "", order: a.order,
        description: a.description, ...(a.values ? { values: a.values } : {}),
      }));
    return render(c, format, "service_definition", { service_code, attributes }) as never;
  },
);
