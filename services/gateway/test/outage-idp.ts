// Loaded by Node with the vitest config: an identity provider that fails in every way a JWKS fetch can.

export const OUTAGE_HOST = "idp-outage.test";

/** Per path: is the recovering provider up yet, and how often was each path fetched. */
const up = new Set<string>();
const fetches = new Map<string, number>();

/**
 * `https://idp-outage.test/<mode>/jwks.json` fails as its mode says: `status-503`, `not-json`,
 * `not-a-key-set`, `unreachable` (the connection fails), `slow` (answers after the 5 s timeout),
 * `recovering` (503 until `POST /control/up?path=...`). `GET /control/fetches?path=...` counts fetches.
 */
export async function outageIdp(request: Request, jwks: string): Promise<Response> {
  const url = new URL(request.url);
  const path = url.searchParams.get("path") ?? "";
  if (url.pathname === "/control/up") return (up.add(path), new Response("ok"));
  if (url.pathname === "/control/fetches") return Response.json({ fetches: fetches.get(path) ?? 0 });
  fetches.set(url.pathname, (fetches.get(url.pathname) ?? 0) + 1);
  const mode = url.pathname.split("/")[1];
  const keys = new Response(jwks, { headers: { "content-type": "application/json" } });
  if (mode === "recovering" && up.has(url.pathname)) return keys;
  if (mode === "not-json")
    return new Response("<html>maintenance</html>", { headers: { "content-type": "text/html" } });
  if (mode === "not-a-key-set") return Response.json({ error: "maintenance" });
  if (mode === "unreachable") throw new Error("connection refused");
  if (mode === "slow") await new Promise((resolve) => setTimeout(resolve, 6_000));
  return new Response("upstream down", { status: 503 });
}
