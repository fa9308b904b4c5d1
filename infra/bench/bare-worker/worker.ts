import { DurableObject } from "cloudflare:workers";

interface Env {
  DB: D1Database;
  BARE: DurableObjectNamespace<BareDO>;
}

/** One Durable Object per id, writing one row to its SQLite storage per call: the floor under CaseDO. */
export class BareDO extends DurableObject<Env> {
  write(body: string): number {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS log (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
    this.ctx.storage.sql.exec("INSERT INTO log (body) VALUES (?)", body);
    return this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM log").one().n;
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const body = await request.text();
    if (url.pathname === "/d1") {
      await env.DB.prepare("CREATE TABLE IF NOT EXISTS cases (id TEXT PRIMARY KEY, body TEXT NOT NULL)").run();
      await env.DB.prepare("INSERT INTO cases (id, body) VALUES (?1, ?2)").bind(crypto.randomUUID(), body).run();
      return Response.json({ ok: true }, { status: 201 });
    }
    if (url.pathname.startsWith("/do/")) {
      const n = await env.BARE.get(env.BARE.idFromName(url.pathname.slice(4))).write(body);
      return Response.json({ ok: true, n });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
