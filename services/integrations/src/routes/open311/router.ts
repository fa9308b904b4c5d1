import { OpenAPIHono, z } from "@hono/zod-openapi";
import { Open311Error } from "@civicgrid/contracts";
import { bodyLimit } from "hono/body-limit";
import type { Format } from "../../domain/open311-format";
import { JurisdictionId, optionalArg } from "../../domain/open311-params";
import type { AppEnv } from "../../env";
import { open311Errors, open311Hook } from "./errors";

/** Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2) under /open311/v2, in JSON and XML. */
export const open311 = new OpenAPIHono<AppEnv>({ defaultHook: open311Hook as never });

/** A report is a few short fields; anything larger is refused before it is read (413, as an Open311 error array). */
export const MAX_BODY_BYTES = 64 * 1024;
open311.use(
  "/open311/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) => open311Errors(c, 413, [`the request body is larger than ${MAX_BODY_BYTES} bytes`]),
  }),
);

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
