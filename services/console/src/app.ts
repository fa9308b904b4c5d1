import { AppError, handleError, problemFromError, validationError } from "@civicgrid/http";
import { Hono, type Context } from "hono";
import { consoleConfig, contentSecurityPolicy } from "./config";
import { devUsers, mintDevToken, TokenRequest } from "./dev-sign-in";
import type { AppEnv } from "./env";

export const app = new Hono<AppEnv>();

app.get("/config.json", (c) => c.json(consoleConfig(c.env), 200, { "cache-control": "no-store" }));

// Development sign-in: the demo users and a token for one. Only where the dev issuer's key is set (local `npm run dev`
// and the e2e system); everywhere else these answer 404 like any unknown path, and the production build of the app
// does not contain the picker at all (build.mjs).
app.get("/dev/users", (c) => {
  const users = devUsers(c.env);
  if (!users) throw new AppError("not_found", "no development sign-in here");
  return c.json(users.map(({ sub, name, roles, divisionCode }) => ({ sub, name, roles, divisionCode })));
});
app.post("/dev/token", async (c) => {
  const users = devUsers(c.env);
  if (!users) throw new AppError("not_found", "no development sign-in here");
  const parsed = TokenRequest.safeParse(await c.req.json().catch(() => undefined));
  if (!parsed.success) throw validationError(parsed.error, "json");
  const user = users.find((u) => u.sub === parsed.data.sub);
  if (!user) throw AppError.field("sub", `no demo user '${parsed.data.sub}'`);
  const ttl = 8 * 3600;
  return c.json({ access_token: await mintDevToken(c.env, user, ttl), token_type: "Bearer", expires_in: ttl }, 200, {
    "cache-control": "no-store",
  });
});

app.on(["GET", "HEAD"], "*", (c) => serveAsset(c));

async function serveAsset(c: Context<AppEnv>): Promise<Response> {
  const url = new URL(c.req.url);
  let res = await c.env.ASSETS.fetch(new Request(url, c.req.raw));
  // A client-side route (no file extension) is its app's page: the resident pages under /h5/, the console elsewhere.
  if (res.status === 404 && !/\.[a-z0-9]+$/i.test(url.pathname)) {
    const index = url.pathname === "/h5" || url.pathname.startsWith("/h5/") ? "/h5/" : "/";
    res = await c.env.ASSETS.fetch(new Request(new URL(index, url), c.req.raw));
  }
  const headers = new Headers(res.headers);
  headers.set("content-security-policy", contentSecurityPolicy(c.env));
  headers.set("x-content-type-options", "nosniff");
  headers.set("referrer-policy", "no-referrer");
  headers.set("permissions-policy", "geolocation=(self), camera=(self)");
  // Hashed bundles never change under their name; pages must be asked again so a deploy reaches every user.
  if (res.ok && url.pathname.startsWith("/assets/"))
    headers.set("cache-control", "public, max-age=31536000, immutable");
  else if ((headers.get("content-type") ?? "").startsWith("text/html")) headers.set("cache-control", "no-cache");
  return new Response(res.body, { status: res.status, headers });
}

app.onError((error, c) => handleError("console", error, c));
app.notFound((c) =>
  problemFromError(c, new AppError("not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`)),
);
