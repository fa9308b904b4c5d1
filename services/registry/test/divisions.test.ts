import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PJ, V1, call, json, principals, rect, resetRegistry, seedDivisions } from "./fixtures";

type Division = {
  code: string;
  level: string;
  parentCode: string | null;
  version: number;
  name: string;
  urban: boolean | null;
};
const newVillage = {
  code: "440703001003",
  name: "三号社区",
  parentCode: "440703001000",
  urban: true,
  boundary: rect(113.04, 22.5, 113.06, 22.52),
};

beforeAll(seedDivisions);
beforeEach(resetRegistry);

describe("divisions", () => {
  it("answers a subtree (by level, or children only) and the ancestors of a division", async () => {
    const villages = await json<{ items: Division[] }>(
      await call(principals.countyAgency, "GET", `/v1/divisions/${PJ}/subtree?level=village`),
      200,
    );
    expect(villages.items.map((d) => d.code)).toEqual([V1, "440703001002"]);
    const children = await json<{ items: Division[] }>(
      await call(principals.countyAgency, "GET", `/v1/divisions/${PJ}/subtree?childrenOnly=true`),
      200,
    );
    expect(children.items.map((d) => d.code)).toEqual(["440703001000"]);
    const ancestors = await json<{ items: Division[] }>(
      await call(principals.gridWorker, "GET", `/v1/divisions/${V1}/ancestors`),
      200,
    );
    expect(ancestors.items.map((d) => d.code)).toEqual(["440703001000", PJ, "440700000000"]);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page: { items: Division[]; nextCursor: string | null } = await json(
        await call(principals.cityAgency, "GET", `/v1/divisions/440700000000/subtree?limit=3${query}`),
        200,
      );
      seen.push(...page.items.map((d) => d.code));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
  });

  it("lets an agency create and edit divisions inside its jurisdiction, with If-Match", async () => {
    const created = await json<Division>(
      await call(principals.townshipAgency, "POST", "/v1/divisions", newVillage),
      201,
    );
    expect(created).toMatchObject({ level: "village", parentCode: "440703001000", urban: true, version: 1 });
    const key = { "if-match": '"v1"' };
    const renamed = await json<Division>(
      await call(
        principals.townshipAgency,
        "PATCH",
        `/v1/divisions/${newVillage.code}`,
        { name: "三号社区居委会" },
        key,
      ),
      200,
    );
    expect(renamed).toMatchObject({ name: "三号社区居委会", version: 2 });
    expect(
      (await call(principals.townshipAgency, "PATCH", `/v1/divisions/${newVillage.code}`, { name: "again" }, key))
        .status,
    ).toBe(412);
    expect(
      (await call(principals.townshipAgency, "PATCH", `/v1/divisions/${newVillage.code}`, { name: "again" })).status,
    ).toBe(428);
    expect((await call(principals.townshipAgency, "POST", "/v1/divisions", newVillage)).status).toBe(409);
  });

  it("refuses another county, roles that may not write, and reading outside one's jurisdiction", async () => {
    for (const who of [
      principals.otherCountyAgency,
      principals.department,
      principals.gridWorker,
      principals.hr,
      principals.resident,
    ]) {
      expect((await call(who, "POST", "/v1/divisions", newVillage)).status, who.sub).toBe(403);
    }
    expect(
      (await call(principals.otherCountyAgency, "PATCH", `/v1/divisions/${V1}`, { name: "x" }, { "if-match": '"v1"' }))
        .status,
    ).toBe(403);
    expect((await call(principals.otherCountyAgency, "GET", `/v1/divisions/${V1}`)).status).toBe(403);
    expect((await call(principals.resident, "GET", `/v1/divisions/${V1}`)).status).toBe(403);
  });

  it("refuses a wrong parent, a bad code, and a broken boundary, naming the field", async () => {
    const wrongParent = await call(principals.countyAgency, "POST", "/v1/divisions", { ...newVillage, parentCode: PJ });
    expect((await json<{ errors: { field: string }[] }>(wrongParent, 400)).errors[0]?.field).toBe("body.parentCode");
    const badCode = await call(principals.countyAgency, "POST", "/v1/divisions", { ...newVillage, code: "4407" });
    expect((await json<{ errors: { field: string }[] }>(badCode, 400)).errors[0]?.field).toBe("body.code");
    const spike = {
      type: "Polygon",
      coordinates: [
        [
          [113.04, 22.5],
          [113.06, 22.5],
          [113.04, 22.5],
          [113.04, 22.5],
        ],
      ],
    };
    const broken = await call(principals.countyAgency, "POST", "/v1/divisions", { ...newVillage, boundary: spike });
    expect((await json<{ errors: { field: string }[] }>(broken, 400)).errors[0]?.field).toMatch(
      /^body\.boundary\.coordinates/,
    );
  });
});
