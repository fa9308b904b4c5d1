import type { AppError } from "@civicgrid/http";

/**
 * Open311 GeoReport v2 clients read every error as a list of `{code, description}` in the format the path asks
 * for (`.json` or `.xml`), never as problem+json. The integrations service answers its own errors that way; the
 * gateway's refusals before forwarding (a body over the limit, the rate limit) must look the same.
 */
export function isOpen311Path(pathname: string): boolean {
  return pathname.startsWith("/open311/");
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&'"]/g,
    (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[ch] ?? ch,
  );

export function open311ErrorResponse(pathname: string, error: AppError): Response {
  const description = error.detail ?? error.code;
  const headers = new Headers(error.options.headers);
  if (pathname.endsWith(".xml")) {
    headers.set("content-type", "text/xml; charset=utf-8");
    const xml = `<?xml version="1.0" encoding="utf-8"?><errors><error><code>${error.status}</code><description>${escapeXml(description)}</description></error></errors>`;
    return new Response(xml, { status: error.status, headers });
  }
  headers.set("content-type", "application/json; charset=utf-8");
  return new Response(JSON.stringify([{ code: error.status, description }]), { status: error.status, headers });
}
