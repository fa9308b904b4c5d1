import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  PJ,
  V1,
  V2,
  XH,
  call,
  draftWith,
  fileLayout,
  gridFields,
  json,
  principals,
  rect,
  resetRegistry,
  seedDivisions,
  shanghaiDay,
  submitLayout,
} from "./fixtures";

type Problem = {
  code: string;
  errors?: { field: string }[];
  findings?: {
    overlaps: { a: string; b: string; areaM2: number; geometry: { type: string } }[];
    gaps: { villageCode: string; areaM2: number }[];
    outside: { code: string; areaM2: number }[];
  };
};
const left = rect(113.0, 22.5, 113.01, 22.52);
const right = rect(113.01, 22.5, 113.02, 22.52);
const create = (villageCode: string, boundary: unknown, extra: Record<string, unknown> = {}) => ({
  op: "create",
  villageCode,
  grid: gridFields(boundary, extra),
});

beforeAll(seedDivisions);
beforeEach(resetRegistry);

describe("filing a county's layout (备案)", () => {
  it("drafts, submits and accepts a layout; its grids are in force from the effective date", async () => {
    const accepted = await fileLayout(
      PJ,
      [
        create(V1, left),
        create(V1, right),
        create(V2, rect(113.02, 22.5, 113.04, 22.52), { type: "rural", households: 200, population: 600 }),
      ],
      shanghaiDay(),
    );
    expect(accepted).toMatchObject({ status: "accepted", effectiveDate: shanghaiDay() });
    expect(accepted.changes.map((c) => c.code).sort()).toEqual([`${V1}001`, `${V1}002`, `${V2}001`]);
    const grid = await json<{
      status: string;
      villageCode: string;
      townshipCode: string;
      countyCode: string;
      version: number;
    }>(await call(principals.countyAgency, "GET", `/v1/grids/${V1}001`), 200);
    expect(grid).toMatchObject({
      status: "active",
      villageCode: V1,
      townshipCode: "440703001000",
      countyCode: PJ,
      version: 1,
    });
  });

  it("returns a filed layout with reasons; the county edits and files it again", async () => {
    const { layout } = await draftWith(PJ, [create(V1, left), create(V1, right)]);
    const submitted = await json<{ version: number }>(await submitLayout(layout), 200);
    const returned = await json<{ status: string; reviewReasons: string[]; version: number }>(
      await call(
        principals.cityAgency,
        "POST",
        `/v1/layouts/${layout.id}/return`,
        { reasons: ["网格名称不规范"] },
        { "if-match": `"v${submitted.version}"` },
      ),
      200,
    );
    expect(returned).toMatchObject({ status: "returned", reviewReasons: ["网格名称不规范"] });
    const edited = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [{ op: "update", code: `${V1}001`, grid: { name: "一号社区第1网格" } }] },
      { "if-match": `"v${returned.version}"` },
    );
    const again = await json<{ layout: { version: number } }>(edited, 200);
    const resubmitted = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/submit`,
      {},
      { "if-match": `"v${again.layout.version}"` },
    );
    expect((await json<{ status: string }>(resubmitted, 200)).status).toBe("submitted");
  });

  it("keeps one open layout per county and refuses edits once submitted", async () => {
    const { layout } = await draftWith(PJ, [create(V1, left), create(V1, right)]);
    expect(
      (await json<Problem>(await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }), 409)).code,
    ).toBe("conflict");
    const submitted = await json<{ version: number }>(await submitLayout(layout), 200);
    const edit = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [{ op: "retire", code: `${V1}001` }] },
      { "if-match": `"v${submitted.version}"` },
    );
    expect((await json<Problem>(edit, 409)).code).toBe("invalid_transition");
  });

  it("accepts only a date today or later", async () => {
    const { layout } = await draftWith(PJ, [create(V1, rect(113.0, 22.5, 113.02, 22.52))]);
    const submitted = await json<{ version: number }>(await submitLayout(layout), 200);
    const res = await call(
      principals.cityAgency,
      "POST",
      `/v1/layouts/${layout.id}/accept`,
      { effectiveDate: shanghaiDay(-1) },
      { "if-match": `"v${submitted.version}"` },
    );
    expect((await json<Problem>(res, 422)).errors?.[0]?.field).toBe("body.effectiveDate");
  });

  it("honours Idempotency-Key: a repeated create answers the same layout once", async () => {
    const key = { "idempotency-key": `layout-${crypto.randomUUID()}` };
    const first = await json<{ id: string }>(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }, key),
      201,
    );
    const second = await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }, key);
    expect(second.headers.get("idempotent-replayed")).toBe("true");
    expect((await json<{ id: string }>(second, 201)).id).toBe(first.id);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM layouts").first<{ n: number }>())?.n).toBe(1);
  });

  it("requires If-Match on edits and refuses a stale one", async () => {
    const layout = await json<{ id: string }>(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }),
      201,
    );
    const body = { changes: [create(V1, left)] };
    expect((await call(principals.countyAgency, "POST", `/v1/layouts/${layout.id}/changes`, body)).status).toBe(428);
    await json(
      await call(principals.countyAgency, "POST", `/v1/layouts/${layout.id}/changes`, body, { "if-match": '"v1"' }),
      200,
    );
    expect(
      (
        await json<Problem>(
          await call(principals.countyAgency, "POST", `/v1/layouts/${layout.id}/changes`, body, { "if-match": '"v1"' }),
          412,
        )
      ).code,
    ).toBe("precondition_failed");
  });
});

describe("layout rules, checked on every change", () => {
  it("refuses grids of a village that overlap, answering the overlap's geometry and area, and writes nothing", async () => {
    const layout = await json<{ id: string }>(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }),
      201,
    );
    const res = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [create(V1, rect(113.0, 22.5, 113.012, 22.52)), create(V1, right)] },
      { "if-match": '"v1"' },
    );
    const problem = await json<Problem>(res, 422);
    expect(problem.findings?.overlaps).toHaveLength(1);
    const overlap = problem.findings?.overlaps[0];
    expect([overlap?.a, overlap?.b]).toEqual([`${V1}001`, `${V1}002`]);
    expect(overlap?.geometry.type).toBe("MultiPolygon");
    expect(overlap?.areaM2).toBeGreaterThan(400_000); // 0.002° × 0.02° near 22.5°N ≈ 205 m × 2,224 m
    expect(overlap?.areaM2).toBeLessThan(500_000);
    const after = await json<{ version: number; changes: unknown[] }>(
      await call(principals.countyAgency, "GET", `/v1/layouts/${layout.id}`),
      200,
    );
    expect(after).toMatchObject({ version: 1, changes: [] });
  });

  it("refuses a grid reaching outside its village", async () => {
    const layout = await json<{ id: string }>(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }),
      201,
    );
    const res = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [create(V1, rect(113.0, 22.5, 113.025, 22.52))] },
      { "if-match": '"v1"' },
    );
    const outside = (await json<Problem>(res, 422)).findings?.outside;
    expect(outside?.[0]).toMatchObject({ code: `${V1}001` });
    expect(outside?.[0]?.areaM2).toBeGreaterThan(500_000);
  });

  it("reports a gap in the village's coverage with its area, and will not file until it is covered", async () => {
    const { layout, findings } = await draftWith(PJ, [create(V1, left)]);
    expect(findings.gaps).toEqual([expect.objectContaining({ villageCode: V1, areaM2: expect.any(Number) })]);
    const gap = findings.gaps?.[0] as { areaM2: number };
    expect(gap.areaM2).toBeGreaterThan(2_200_000);
    expect(gap.areaM2).toBeLessThan(2_400_000);
    const submit = await submitLayout(layout);
    expect((await json<Problem>(submit, 422)).findings?.gaps[0]?.villageCode).toBe(V1);
  });

  it("warns, without refusing, about grids off the size norms", async () => {
    const { findings } = await draftWith(PJ, [
      create(V1, left, { households: 50, population: 120 }),
      create(V1, right),
      create(V2, rect(113.02, 22.5, 113.03, 22.52), { type: "rural" }),
      create(V2, rect(113.03, 22.5, 113.04, 22.52), { type: "rural" }),
    ]);
    const rules = (findings.warnings as { rule: string; code: string | null }[]).map(
      (w) => `${w.rule}:${w.code ?? "village"}`,
    );
    expect(rules).toEqual(expect.arrayContaining([`urban_size:${V1}001`, "rural_one_per_village:village"]));
    expect(rules).not.toContain(`urban_size:${V1}002`);
  });

  it("validates boundaries and names the position at fault", async () => {
    const layout = await json<{ id: string }>(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: PJ }),
      201,
    );
    const bowtie = {
      type: "Polygon",
      coordinates: [
        [
          [113.0, 22.5],
          [113.01, 22.51],
          [113.01, 22.5],
          [113.0, 22.51],
          [113.0, 22.5],
        ],
      ],
    };
    const open = {
      type: "Polygon",
      coordinates: [
        [
          [113.0, 22.5],
          [113.01, 22.5],
          [113.01, 22.51],
          [113.0, 22.51],
        ],
      ],
    };
    const far = rect(200, 22.5, 201, 22.52);
    for (const [boundary, field] of [
      [bowtie, "body.changes.0.grid.boundary.coordinates.0"],
      [open, "body.changes.0.grid.boundary.coordinates.0"],
      [far, "body.changes.0.grid.boundary.coordinates.0.0.0"],
    ] as const) {
      const res = await call(
        principals.countyAgency,
        "POST",
        `/v1/layouts/${layout.id}/changes`,
        { changes: [create(V1, boundary)] },
        { "if-match": '"v1"' },
      );
      const problem = await json<Problem>(res, 400);
      expect(problem.errors?.[0]?.field.startsWith(field), JSON.stringify(problem.errors)).toBe(true);
    }
    const dedicated = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [create(V1, left, { type: "dedicated" })] },
      { "if-match": '"v1"' },
    );
    expect((await json<Problem>(dedicated, 400)).errors?.map((e) => e.field)).toContain("body.changes.0.grid.unit");
  });
});

describe("who may edit and file layouts", () => {
  it("refuses another county's agency, a township agency, a department and a grid worker", async () => {
    for (const who of [
      principals.otherCountyAgency,
      principals.townshipAgency,
      principals.department,
      principals.gridWorker,
      principals.hr,
    ]) {
      expect((await call(who, "POST", "/v1/layouts", { countyCode: PJ })).status, who.sub).toBe(403);
    }
    const { layout } = await draftWith(PJ, [create(V1, left), create(V1, right)]);
    const edit = await call(
      principals.otherCountyAgency,
      "POST",
      `/v1/layouts/${layout.id}/changes`,
      { changes: [{ op: "retire", code: `${V1}001` }] },
      { "if-match": `"v${layout.version}"` },
    );
    expect(edit.status).toBe(403);
    expect((await call(principals.otherCountyAgency, "GET", `/v1/layouts/${layout.id}`)).status).toBe(403);
    expect((await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: XH })).status).toBe(403);
  });

  it("lets only the city review a filing: the county cannot accept its own layout", async () => {
    const { layout } = await draftWith(PJ, [create(V1, left), create(V1, right)]);
    const submitted = await json<{ version: number }>(await submitLayout(layout), 200);
    const own = await call(
      principals.countyAgency,
      "POST",
      `/v1/layouts/${layout.id}/accept`,
      { effectiveDate: shanghaiDay() },
      { "if-match": `"v${submitted.version}"` },
    );
    expect(own.status).toBe(403);
    const township = await call(
      principals.townshipAgency,
      "POST",
      `/v1/layouts/${layout.id}/return`,
      { reasons: ["x"] },
      { "if-match": `"v${submitted.version}"` },
    );
    expect(township.status).toBe(403);
  });
});
