import type { Principal } from "@civicgrid/contracts";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  PJ,
  V1,
  XH,
  XV,
  call,
  draftWith,
  fileLayout,
  gridFields,
  json,
  principals,
  rect,
  resetRegistry,
  seedDivisions,
  seedMatters,
  shanghaiDay,
} from "./fixtures";

/**
 * Jurisdiction on the second resource (issue 12): every id a registry request names besides its path's own
 * resource (a village or grid in a layout change, merge and split targets, a county in a body or a list
 * filter, a catalogue category) goes through assertReferences: another county's is 403, an unknown one 422,
 * each naming its field.
 */
type Problem = { code: string; status: number; errors?: { field: string; message: string }[] };
const PJ_GRID = `${V1}001`;
const XH_GRID = `${XV}001`;

async function refused(res: Response, status: 403 | 422, field: string) {
  const problem = await json<Problem>(res, status);
  expect(problem.errors?.map((e) => e.field)).toEqual([field]);
  return problem;
}

async function changesTo(
  layout: { id: string; version: number },
  changes: unknown[],
  who: Principal = principals.countyAgency,
) {
  return call(who, "POST", `/v1/layouts/${layout.id}/changes`, { changes }, { "if-match": `"v${layout.version}"` });
}

beforeAll(async () => {
  await seedDivisions();
  await seedMatters();
});
beforeEach(async () => {
  await resetRegistry();
  await fileLayout(
    PJ,
    [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }],
    shanghaiDay(),
  );
  await fileLayout(
    XH,
    [{ op: "create", villageCode: XV, grid: gridFields(rect(113.1, 22.5, 113.12, 22.52)) }],
    shanghaiDay(),
    principals.otherCountyAgency,
  );
});

describe("layout changes name only villages and grids of the caller's jurisdiction", () => {
  const halves = [gridFields(rect(113.1, 22.5, 113.11, 22.52)), gridFields(rect(113.11, 22.5, 113.12, 22.52))];
  const cases: [string, unknown, string][] = [
    [
      "a grid created in another county's village",
      { op: "create", villageCode: XV, grid: gridFields(rect(113.1, 22.5, 113.12, 22.52)) },
      "body.changes.0.villageCode",
    ],
    [
      "an edit of another county's grid",
      { op: "update", code: XH_GRID, grid: { name: "越权改名" } },
      "body.changes.0.code",
    ],
    ["the retirement of another county's grid", { op: "retire", code: XH_GRID }, "body.changes.0.code"],
    ["a split of another county's grid", { op: "split", code: XH_GRID, parts: halves }, "body.changes.0.code"],
    [
      "a merge with another county's grid as its second target",
      { op: "merge", codes: [PJ_GRID, XH_GRID], grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) },
      "body.changes.0.codes.1",
    ],
  ];
  for (const [what, change, field] of cases) {
    it(`refuses ${what} with 403 naming ${field}, and writes nothing`, async () => {
      const { layout } = await draftWith(PJ, [{ op: "update", code: PJ_GRID, grid: { name: "本县改名" } }]);
      await refused(await changesTo(layout, [change]), 403, field);
      const unchanged = await json<{ name: string }>(
        await call(principals.otherCountyAgency, "GET", `/v1/grids/${XH_GRID}`),
        200,
      );
      expect(unchanged.name).toBe("测试网格");
    });
  }

  it("answers 422 naming the field for a grid or village that is on file nowhere", async () => {
    const { layout } = await draftWith(PJ, [{ op: "update", code: PJ_GRID, grid: { name: "本县改名" } }]);
    await refused(await changesTo(layout, [{ op: "retire", code: `${V1}009` }]), 422, "body.changes.0.code");
    await refused(
      await changesTo(layout, [
        { op: "create", villageCode: "440703001009", grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) },
      ]),
      422,
      "body.changes.0.villageCode",
    );
  });

  it("still lets the city agency, whose jurisdiction holds both counties, past the reference check (the layout's county rule answers)", async () => {
    const { layout } = await draftWith(
      PJ,
      [{ op: "update", code: PJ_GRID, grid: { name: "本县改名" } }],
      principals.cityAgency,
    );
    const res = await changesTo(layout, [{ op: "retire", code: XH_GRID }], principals.cityAgency);
    expect((await json<Problem>(res, 400)).errors?.[0]?.field).toBe("body.changes.0.code");
  });
});

describe("counties named in bodies and list filters", () => {
  it("refuses to open a layout for another county with 403 naming body.countyCode; an unknown county is 422", async () => {
    await refused(
      await call(principals.countyAgency, "POST", "/v1/layouts", { countyCode: XH }),
      403,
      "body.countyCode",
    );
    await refused(
      await call(principals.cityAgency, "POST", "/v1/layouts", { countyCode: "440799000000" }),
      422,
      "body.countyCode",
    );
  });

  it("refuses a grid list filtered by another county with 403 naming query.divisionCode; its own county still lists", async () => {
    await refused(
      await call(principals.countyAgency, "GET", `/v1/grids?divisionCode=${XH}`),
      403,
      "query.divisionCode",
    );
    const own = await json<{ items: { code: string }[] }>(
      await call(principals.countyAgency, "GET", `/v1/grids?divisionCode=${PJ}`),
      200,
    );
    expect(own.items.map((g) => g.code)).toEqual([PJ_GRID]);
  });

  it("refuses a layout list filtered by another county with 403 naming query.countyCode", async () => {
    await refused(await call(principals.countyAgency, "GET", `/v1/layouts?countyCode=${XH}`), 403, "query.countyCode");
    expect((await call(principals.countyAgency, "GET", `/v1/layouts?countyCode=${PJ}`)).status).toBe(200);
  });

  it("refuses an admission query about another county with 403 naming query.countyCode", async () => {
    await refused(
      await call(principals.department, "GET", `/v1/matters/admission?countyCode=${XH}&matterCode=0101`),
      403,
      "query.countyCode",
    );
    expect(
      (await call(principals.department, "GET", `/v1/matters/admission?countyCode=${PJ}&matterCode=0101`)).status,
    ).toBe(200);
  });

  it("refuses a change request for another county's lists with 403 naming body.countyCode; a township of the county may ask", async () => {
    const body = (countyCode: string) => ({
      countyCode,
      change: { action: "withdraw", list: "admission", matterCode: "0101" },
      reason: "已由部门直接办理",
    });
    await refused(
      await call(principals.department, "POST", "/v1/matters/change-requests", body(XH)),
      403,
      "body.countyCode",
    );
    await refused(
      await call(principals.townshipAgency, "POST", "/v1/matters/change-requests", body(XH)),
      403,
      "body.countyCode",
    );
    expect((await call(principals.townshipAgency, "POST", "/v1/matters/change-requests", body(PJ))).status).toBe(201);
  });

  it("refuses a catalogue category under a parent that is not in the catalogue with 422 naming body.parentCode", async () => {
    await refused(
      await call(principals.cityAgency, "POST", "/v1/matters/categories", {
        code: "14",
        name: "网格党建",
        parentCode: "ZZ",
      }),
      422,
      "body.parentCode",
    );
  });
});
