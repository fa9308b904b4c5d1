import { DurableObject } from "cloudflare:workers";

interface Env {
  DB: D1Database;
  BARE: DurableObjectNamespace<BareDO>;
}

/**
 * One Durable Object per name with one table in its SQLite storage, made when the object starts (as a real
 * object's schema is): the floor under CaseDO. `write` is exactly one INSERT.
 */
export class BareDO extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  }

  write(body: string): void {
    this.ctx.storage.sql.exec("INSERT INTO log (body) VALUES (?)", body);
  }
}

/**
 * The floors of the cases benchmark (infra/bench/cases-gateway.ts), each doing only what the request it stands
 * for cannot avoid, and nothing per request that could be done once:
 * - `GET /noop`: answers, nothing else (the floor of `/healthz`);
 * - `POST /setup`: creates the D1 table, once, before the measured runs;
 * - `POST /d1`: one INSERT; `GET /d1/{id}`: one SELECT by primary key (the floor of reading a case);
 * - `POST /do/{name}`: one INSERT in that object's SQLite: a new object per name the first time (the floor of a
 *   report), an existing one after (the floor of a transition).
 */
export default {
  async fetch(request, env) {
    const { pathname } = new URL(request.url);
    if (pathname === "/noop") return new Response("ok");
    if (pathname === "/setup" && request.method === "POST") {
      await env.DB.prepare("CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, body TEXT NOT NULL)").run();
      return new Response(null, { status: 204 });
    }
    if (pathname === "/d1" && request.method === "POST") {
      const id = crypto.randomUUID();
      await env.DB.prepare("INSERT INTO cases (id, body) VALUES (?1, ?2)")
        .bind(id, await request.text())
        .run();
      return Response.json({ id }, { status: 201 });
    }
    if (pathname.startsWith("/d1/") && request.method === "GET") {
      const row = await env.DB.prepare("SELECT id, body FROM cases WHERE id = ?1").bind(pathname.slice(4)).first();
      return row ? Response.json(row) : new Response("not found", { status: 404 });
    }
    if (pathname.startsWith("/do/") && request.method === "POST") {
      const name = pathname.slice(4);
      await env.BARE.get(env.BARE.idFromName(name)).write(await request.text());
      return new Response(null, { status: 204 });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
