import type { Context } from "hono";
import { formatOfPath, toXml, type Format } from "../../domain/open311-format";

/** The format a client asked for by the path's extension (`requests.xml`); JSON otherwise. */
export function formatOf(c: Context): Format {
  return formatOfPath(new URL(c.req.url).pathname);
}

/**
 * Answers in the asked format: JSON as is, XML with the root the specification names. Routes return it
 * `as never`: one handler serves both formats, so its answer is not the typed JSON of the route's schema.
 */
export function render(
  c: Context,
  format: Format,
  root: string,
  body: unknown,
  status = 200,
  headers: Record<string, string> = {},
): Response {
  const xml = format === "xml";
  const type = xml ? "text/xml; charset=utf-8" : "application/json; charset=utf-8";
  return new Response(xml ? toXml(root, body) : JSON.stringify(body), {
    status,
    headers: { "content-type": type, ...headers },
  });
}
