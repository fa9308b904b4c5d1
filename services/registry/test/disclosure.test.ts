import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import RegistryService from "../src/index";
import { PJ, V1, base, fileLayout, gridFields, rect, resetRegistry, seedDivisions, shanghaiDay } from "./fixtures";

const G1 = `${V1}001`;
const server = (name: string, role: string, workPhone: string, extra: Record<string, unknown> = {}) => ({
  workerId: `w-${name}`,
  name,
  role,
  workPhone,
  ...extra,
});
const snapshot = (version: number, servers: unknown[], gridCode = G1) => ({
  id: `roster.grid-servers.changed:${gridCode}:${version}`,
  type: "roster.grid-servers.changed",
  source: "roster",
  aggregateId: gridCode,
  version,
  occurredAt: new Date().toISOString(),
  data: { gridCode, servers },
});

let sequence = 0;
async function deliver(...bodies: unknown[]) {
  const batch = createMessageBatch(
    "civicgrid-roster-events",
    bodies.map((body) => ({ id: `m-${++sequence}`, timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await new RegistryService(ctx, env).queue(batch);
  return getQueueResult(batch, ctx);
}
const disclosed = async (path = `/v1/public/grids/${G1}`, headers: Record<string, string> = {}) =>
  exports.default.fetch(`${base}${path}`, { headers });
const workersOf = async () =>
  ((await (await disclosed()).json()) as { workers: { name: string }[] }).workers.map((w) => w.name);

beforeAll(seedDivisions);
beforeEach(async () => {
  await resetRegistry();
  await fileLayout(
    PJ,
    [
      {
        op: "create",
        villageCode: V1,
        grid: gridFields(rect(113.0, 22.5, 113.02, 22.52), {
          name: "一号社区第1网格",
          supervisionPhone: "0750-3123456",
        }),
      },
    ],
    shanghaiDay(),
  );
});

describe("public disclosure (公示)", () => {
  it("answers without a login: name, area, workers' names, roles and work phones, supervision phone", async () => {
    const result = await deliver(
      snapshot(1, [server("李四", "full_time", "13800000002"), server("张三", "chief", "13800000001")]),
    );
    // Acknowledged message by message (the shared consumer of @civicgrid/http), nothing retried.
    expect(result.explicitAcks).toEqual([`m-${sequence}`]);
    expect(result.retryMessages).toEqual([]);
    const res = await disclosed();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      code: G1,
      name: "一号社区第1网格",
      type: "urban",
      unitName: null,
      villageName: "一号社区",
      townshipName: "环市街道",
      countyName: "蓬江区",
      areaDescription: "测试片区",
      supervisionPhone: "0750-3123456",
      workers: [
        { name: "张三", role: "chief", workPhone: "13800000001" },
        { name: "李四", role: "full_time", workPhone: "13800000002" },
      ],
    });
  });

  it("never shows a private phone or an ID number, even when a snapshot carries one", async () => {
    await deliver(
      snapshot(1, [
        server("张三", "chief", "13800000001", {
          privatePhone: "13999999999",
          idNumber: "440703199001011234",
          mobile: "13999999999",
        }),
      ]),
    );
    const text = await (await disclosed()).text();
    expect(text).not.toContain("13999999999");
    expect(text).not.toContain("440703199001011234");
    const stored = await env.DB.prepare("SELECT servers FROM disclosure_servers WHERE grid_code = ?1")
      .bind(G1)
      .first<{ servers: string }>();
    expect(stored?.servers).not.toContain("13999999999");
  });

  it("scrubs phones, ID numbers and e-mails typed into free text, and still shows the work and supervision phones", async () => {
    const typed = {
      name: "二号网格（王姐13912345678）",
      areaDescription: "幸福路1-9号，联系人身份证440703199001011234，邮箱wang@example.com",
    };
    await fileLayout(PJ, [{ op: "update", code: G1, grid: typed }], shanghaiDay());
    await deliver(snapshot(1, [server("张三 13700001111", "chief", "13800000001")]));
    const res = await disclosed();
    const text = await res.text();
    for (const leaked of ["13912345678", "440703199001011234", "wang@example.com", "13700001111"])
      expect(text).not.toContain(leaked);
    const body = JSON.parse(text) as {
      name: string;
      areaDescription: string;
      supervisionPhone: string;
      workers: { name: string; workPhone: string }[];
    };
    expect(body.name).toBe("二号网格（王姐139******78）");
    expect(body.areaDescription).toContain("幸福路1-9号");
    expect(body.supervisionPhone).toBe("0750-3123456");
    expect(body.workers).toEqual([{ name: "张三 137******11", role: "chief", workPhone: "13800000001" }]);
  });

  it("keeps the newest snapshot: redelivery and out-of-order delivery change nothing wrong", async () => {
    await deliver(snapshot(2, [server("王五", "chief", "13800000005")]));
    await deliver(snapshot(1, [server("张三", "chief", "13800000001")])); // older, arriving late
    await deliver(snapshot(2, [server("王五", "chief", "13800000005")])); // the same again
    expect(await workersOf()).toEqual(["王五"]);
    await deliver(
      snapshot(4, [server("赵六", "chief", "13800000006")]),
      snapshot(3, [server("钱七", "chief", "13800000007")]),
    );
    expect(await workersOf()).toEqual(["赵六"]);
  });

  it("announces a disclosure change once per snapshot shown, never for a stale or repeated one", async () => {
    const announced = async () =>
      (
        await env.DB.prepare(
          "SELECT id FROM outbox WHERE id LIKE 'registry.disclosure.changed:' || ?1 || ':%' ORDER BY id",
        )
          .bind(G1)
          .all<{ id: string }>()
      ).results.map((r) => r.id);
    await deliver(snapshot(2, [server("王五", "chief", "13800000005")]));
    await deliver(
      snapshot(1, [server("张三", "chief", "13800000001")]),
      snapshot(2, [server("王五", "chief", "13800000005")]),
    );
    expect(await announced()).toEqual([`registry.disclosure.changed:${G1}:2`]);
    await deliver(snapshot(3, [server("赵六", "chief", "13800000006")]));
    expect(await announced()).toEqual([`registry.disclosure.changed:${G1}:2`, `registry.disclosure.changed:${G1}:3`]);
  });

  it("retries a message it can never read until the dead-letter queue takes it (max_retries), never forever; acknowledges the rest", async () => {
    const result = await deliver({ hello: "world" }, snapshot(1, [server("张三", "chief", "not-checked-here")]), {
      ...snapshot(2, []),
      type: "roster.other",
    });
    const [unreadable, readable, notOurs] = [sequence - 2, sequence - 1, sequence].map((n) => `m-${n}`);
    expect(result.retryMessages).toEqual([{ msgId: unreadable }]);
    expect(result.explicitAcks.sort()).toEqual([readable, notOurs].sort());
    expect(await workersOf()).toEqual(["张三"]);
  });

  it("is cacheable: Cache-Control, an ETag, 304 when unchanged, a new ETag within seconds of a roster change", async () => {
    await deliver(snapshot(1, [server("张三", "chief", "13800000001")]));
    const first = await disclosed();
    expect(first.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const etag = first.headers.get("etag") as string;
    expect(etag).toMatch(/^".+"$/);
    expect((await disclosed(`/v1/public/grids/${G1}`, { "if-none-match": etag })).status).toBe(304);
    await deliver(snapshot(2, [server("王五", "chief", "13800000005")]));
    const changed = await disclosed(`/v1/public/grids/${G1}`, { "if-none-match": etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get("etag")).not.toBe(etag);
  });

  it("finds the grid of a point, and refuses bad coordinates or an unknown grid", async () => {
    await deliver(snapshot(1, [server("张三", "chief", "13800000001")]));
    const res = await disclosed("/v1/public/grids/locate?lng=113.01&lat=22.51");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ code: G1, workers: [{ name: "张三" }] });
    expect((await disclosed("/v1/public/grids/locate?lng=120&lat=30")).status).toBe(404);
    const bad = await disclosed("/v1/public/grids/locate?lng=200&lat=22.5");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: { field: string }[] }).errors[0]?.field).toBe("query.lng");
    expect((await disclosed(`/v1/public/grids/${V1}009`)).status).toBe(404);
  });
});
