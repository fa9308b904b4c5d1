import type { Principal } from "@civicgrid/contracts";
import { createExecutionContext } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import RegistryService from "../src/index";
import {
  PJ,
  XH,
  base,
  call,
  json,
  principals,
  resetRegistry,
  seedDivisions,
  seedMatters,
  shanghaiDay,
} from "./fixtures";

const item = (matterCode: string, extra: Record<string, unknown> = {}) => ({
  matterCode,
  name: "楼道杂物堆放",
  categoryCode: "09",
  responsibleDepartmentKind: "fire",
  workerDuty: "handle",
  limits: { accept: { amount: 1, unit: "working_days" }, handle: { amount: 4, unit: "working_hours" } },
  ...extra,
});
const addRequest = (code: string, countyCode = PJ) => ({
  countyCode,
  change: { action: "add", list: "admission", item: item(code) },
  reason: "消防部门申请纳入网格巡查",
});
const townshipOfPJ: Principal = principals.townshipAgency;
type Request = { id: string; version: number; status: string; listNumber: number | null };

async function raise(who: Principal, body: unknown) {
  return json<Request>(await call(who, "POST", "/v1/matters/change-requests", body), 201);
}
async function approve(request: Request, body: Record<string, unknown> = {}, who: Principal = principals.countyAgency) {
  return call(who, "POST", `/v1/matters/change-requests/${request.id}/approve`, body, {
    "if-match": `"v${request.version}"`,
  });
}

beforeAll(async () => {
  await seedDivisions();
  await seedMatters();
});
beforeEach(resetRegistry);

describe("changing a county's lists (准入 / 禁入)", () => {
  it("a county department asks, the county agency approves, a new list version is filed and publicly readable", async () => {
    const request = await raise(principals.department, addRequest("0903"));
    expect(request.status).toBe("pending");
    const approved = await json<Request>(await approve(request), 200);
    expect(approved).toMatchObject({ status: "approved", listNumber: 1 });
    const lists = await exports.default.fetch(`${base}/v1/public/matters/lists/${PJ}`);
    expect(lists.status).toBe(200);
    expect(lists.headers.get("cache-control")).toMatch(/public/);
    expect(await lists.json()).toMatchObject({
      countyCode: PJ,
      number: 1,
      effectiveDate: shanghaiDay(),
      admission: [{ matterCode: "0903" }],
      forbidden: [],
    });
    expect(await exports.default.matterAdmission(PJ, "0903")).toMatchObject({
      status: "admitted",
      limits: { handle: { amount: 4, unit: "working_hours" } },
      workerDuty: "handle",
      listVersion: 1,
    });
    const events = await env.DB.prepare("SELECT id FROM outbox WHERE id LIKE 'registry.matter_list.changed:%'").all<{
      id: string;
    }>();
    expect(events.results.map((e) => e.id)).toEqual([`registry.matter_list.changed:matters:${PJ}:1`]);
  });

  it("keeps every version: a township withdraws an item later, the old version still answers for its dates", async () => {
    await approve(await raise(principals.department, addRequest("0903")));
    const withdraw = await raise(townshipOfPJ, {
      countyCode: PJ,
      change: { action: "withdraw", list: "admission", matterCode: "0903" },
      reason: "已由部门直接办理",
    });
    const approved = await json<Request>(await approve(withdraw, { effectiveDate: shanghaiDay(3) }), 200);
    expect(approved.listNumber).toBe(2);
    expect((await exports.default.matterAdmission(PJ, "0903", shanghaiDay(2))).status).toBe("admitted");
    expect(await exports.default.matterAdmission(PJ, "0903", shanghaiDay(3))).toMatchObject({
      status: "unlisted",
      listVersion: 2,
    });
    const versions = (await (await exports.default.fetch(`${base}/v1/public/matters/lists/${PJ}/versions`)).json()) as {
      items: { number: number }[];
    };
    expect(versions.items.map((v) => v.number)).toEqual([2, 1]);
    const first = (await (await exports.default.fetch(`${base}/v1/public/matters/lists/${PJ}/versions/1`)).json()) as {
      admission: unknown[];
    };
    expect(first.admission).toHaveLength(1);
  });

  it("adds a forbidden matter with its rule, and refuses to admit it without withdrawing it first", async () => {
    const forbid = {
      countyCode: PJ,
      change: {
        action: "add",
        list: "forbidden",
        item: { matterCode: "F09", name: "代收水电费", rule: "网格员不得代收各类费用" },
      },
      reason: "规范网格员职责",
    };
    await json(await approve(await raise(principals.department, forbid)), 200);
    expect(await exports.default.matterAdmission(PJ, "F09")).toMatchObject({
      status: "forbidden",
      rule: "网格员不得代收各类费用",
    });
    const admit = await raise(principals.department, addRequest("F09"));
    expect((await json<{ code: string }>(await approve(admit), 409)).code).toBe("conflict");
  });

  it("refuses a request to itself from the county agency, and one from another county's department or agency", async () => {
    const otherDept: Principal = {
      sub: "t-dept-xh",
      roles: ["department"],
      divisionCode: XH,
      departmentId: "dept-440705-fire",
    };
    for (const who of [
      principals.countyAgency,
      principals.otherCountyAgency,
      otherDept,
      principals.gridWorker,
      principals.resident,
      principals.hr,
    ]) {
      expect((await call(who, "POST", "/v1/matters/change-requests", addRequest("0903"))).status, who.sub).toBe(403);
    }
  });

  it("lets only the county's agency decide: not the requester, not another county, not a township", async () => {
    const request = await raise(principals.department, addRequest("0903"));
    for (const who of [principals.department, principals.otherCountyAgency, townshipOfPJ]) {
      expect((await approve(request, {}, who)).status, who.sub).toBe(403);
    }
    const refused = await call(
      principals.countyAgency,
      "POST",
      `/v1/matters/change-requests/${request.id}/refuse`,
      { note: "职责不清" },
      { "if-match": `"v${request.version}"` },
    );
    expect(await json(refused, 200)).toMatchObject({ status: "refused", decisionNote: "职责不清" });
    expect((await approve({ ...request, version: 2 })).status).toBe(409);
    expect((await call(principals.otherCountyAgency, "GET", `/v1/matters/change-requests/${request.id}`)).status).toBe(
      403,
    );
  });

  it("validates requests and names the field at fault", async () => {
    const bad = {
      countyCode: PJ,
      change: {
        action: "add",
        list: "admission",
        item: item("0903", { limits: { handle: { amount: 0, unit: "fortnights" } } }),
      },
      reason: "x",
    };
    const res = await call(principals.department, "POST", "/v1/matters/change-requests", bad);
    const fields = (await json<{ errors: { field: string }[] }>(res, 400)).errors.map((e) => e.field);
    expect(fields.some((f) => f.startsWith("body.change"))).toBe(true);
    const unknownCategory = await call(principals.department, "POST", "/v1/matters/change-requests", {
      ...addRequest("0904"),
      change: { action: "add", list: "admission", item: item("0904", { categoryCode: "77" }) },
    });
    expect((await json<{ errors: { field: string }[] }>(unknownCategory, 422)).errors.map((e) => e.field)).toEqual([
      "body.change.item.categoryCode",
    ]);
  });
});

describe("the city's catalogue (分类目录)", () => {
  it("is a public tree that only the city agency edits", async () => {
    const tree = (await (await exports.default.fetch(`${base}/v1/public/matters/categories`)).json()) as {
      items: { code: string; children: { code: string }[] }[];
    };
    expect(tree.items.map((n) => n.code)).toEqual(["A1", "A2", "A3", "A4", "A5"]);
    expect(tree.items.find((n) => n.code === "A3")?.children.map((c) => c.code)).toEqual(["01", "02", "09", "11"]);
    const body = { code: "13", name: "网格党建", parentCode: "A4" };
    expect((await call(principals.countyAgency, "POST", "/v1/matters/categories", body)).status).toBe(403);
    const created = await json<{ version: number }>(
      await call(principals.cityAgency, "POST", "/v1/matters/categories", body),
      201,
    );
    const renamed = await call(
      principals.cityAgency,
      "PATCH",
      "/v1/matters/categories/13",
      { name: "党建引领" },
      { "if-match": `"v${created.version}"` },
    );
    expect(await json(renamed, 200)).toMatchObject({ name: "党建引领", version: 2 });
    expect(
      (await call(principals.cityAgency, "POST", "/v1/matters/categories", { ...body, code: "14", parentCode: "ZZ" }))
        .status,
    ).toBe(422);
  });
});

describe("a change request filed by a return ruling (退单裁定, RPC from the cases service)", () => {
  it("is filed once per id, pending for the county like any request, and refused when malformed", async () => {
    const input = {
      id: "mcr-0123abcd-0000-4000-8000-00000000beef",
      countyCode: PJ,
      change: { action: "withdraw", list: "admission", matterCode: "0101" } as const,
      reason: "退单裁定 CASE-20261201-ABCDEFGHJK（退单成立）：不属于公安职责",
      requestedBy: townshipOfPJ.sub,
      requesterUnit: townshipOfPJ.divisionCode,
    };
    expect(await exports.default.fileMatterChange(input)).toEqual({ id: input.id, created: true });
    expect(await exports.default.fileMatterChange({ ...input, reason: "重投" })).toEqual({
      id: input.id,
      created: false,
    });
    const filed = await json<Request & { reason: string; requesterUnit: string }>(
      await call(principals.countyAgency, "GET", `/v1/matters/change-requests/${input.id}`),
      200,
    );
    expect(filed).toMatchObject({ status: "pending", reason: input.reason, requesterUnit: townshipOfPJ.divisionCode });
    const direct = new RegistryService(createExecutionContext(), env);
    await expect(direct.fileMatterChange({ ...input, countyCode: townshipOfPJ.divisionCode })).rejects.toThrow(
      /county/,
    );
  });
});
