import { env, exports } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { ADMISSION } from "../seed/matters";
import { PJ, base, call, json, principals, resetRegistry, seedDivisions, seedMatters } from "./fixtures";

/**
 * A matter's definition in the city's catalogue (issue 12, Open311 service definitions): description,
 * keywords, group and attributes, edited by the city agency, returned by admittedMatters and by the matter's
 * public JSON; a matter the catalogue does not list never appears in a public answer.
 */
type Problem = { errors: { field: string; message: string }[] };
const path = (code: string) => `/v1/matters/definitions/${code}`;
const publicMatter = (code: string) => exports.default.fetch(`${base}/v1/public/matters/lists/${PJ}/matters/${code}`);
const pothole = {
  description: "路面坑洼、塌陷",
  keywords: ["道路", "坑洼"],
  group: "市政设施",
  attributes: [
    {
      code: "urgency",
      description: "紧急程度",
      datatype: "singlevaluelist",
      required: false,
      order: 2,
      values: [
        { key: "normal", name: "一般" },
        { key: "danger", name: "危及安全" },
      ],
    },
    { code: "damage_area", description: "破损面积（平方米）", datatype: "number", required: true, order: 1 },
  ],
};

beforeAll(seedDivisions);
beforeEach(async () => {
  await resetRegistry();
  const items = ADMISSION.filter((i) => ["0801", "0802", "E2E-MINUTE"].includes(i.matterCode)).map((i) =>
    i.matterCode === "0802" ? { ...i, name: "路灯故障（报修请打13912345678）" } : i,
  );
  await seedMatters([PJ], items);
});

describe("defining a matter for residents' apps", () => {
  it("the city agency defines it; admittedMatters and the public JSON return its attributes in order", async () => {
    const created = await json<{ version: number; listed: boolean }>(
      await call(principals.cityAgency, "PUT", path("0801"), pothole),
      201,
    );
    expect(created).toMatchObject({ version: 1, listed: true });
    const matter = (await exports.default.admittedMatters(PJ)).find((m) => m.matterCode === "0801");
    expect(matter).toEqual({
      matterCode: "0801",
      name: "道路破损",
      categoryCode: "08",
      description: "路面坑洼、塌陷",
      keywords: ["道路", "坑洼"],
      group: "市政设施",
      attributes: [pothole.attributes[1], pothole.attributes[0]],
    });
    const res = await publicMatter("0801");
    expect(res.headers.get("cache-control")).toMatch(/public/);
    expect(await json(res, 200)).toEqual(matter);
  });

  it("replaces a definition only with If-Match, and refuses a stale one", async () => {
    await call(principals.cityAgency, "PUT", path("0801"), pothole);
    expect((await call(principals.cityAgency, "PUT", path("0801"), { ...pothole, keywords: [] })).status).toBe(428);
    expect(
      (await call(principals.cityAgency, "PUT", path("0801"), { ...pothole, keywords: [] }, { "if-match": '"v7"' }))
        .status,
    ).toBe(412);
    const replaced = await json<{ version: number; keywords: string[] }>(
      await call(principals.cityAgency, "PUT", path("0801"), { ...pothole, keywords: [] }, { "if-match": '"v1"' }),
      200,
    );
    expect(replaced).toMatchObject({ version: 2, keywords: [] });
  });

  it("is kept by the city: a county agency, a department or a grid worker may not edit it", async () => {
    for (const who of [principals.countyAgency, principals.department, principals.gridWorker]) {
      expect((await call(who, "PUT", path("0801"), pothole)).status, who.sub).toBe(403);
    }
  });

  it("validates attributes with problem+json naming the field", async () => {
    const cases: [unknown, string][] = [
      [
        [{ code: "urgency", description: "紧急程度", datatype: "singlevaluelist", order: 1 }],
        "body.attributes.0.values",
      ],
      [
        [{ code: "area", description: "面积", datatype: "number", order: 1, values: [{ key: "a", name: "A" }] }],
        "body.attributes.0.values",
      ],
      [[{ code: "area", description: "面积", datatype: "decimal", order: 1 }], "body.attributes.0.datatype"],
      [[{ code: "Area!", description: "面积", datatype: "number", order: 1 }], "body.attributes.0.code"],
      [[pothole.attributes[1], { ...pothole.attributes[1], order: 3 }], "body.attributes.1.code"],
      [[pothole.attributes[1], { ...pothole.attributes[0], order: 1 }], "body.attributes.1.order"],
      [
        [
          {
            ...pothole.attributes[0],
            values: [
              { key: "a", name: "A" },
              { key: "a", name: "B" },
            ],
          },
        ],
        "body.attributes.0.values.1.key",
      ],
    ];
    for (const [attributes, field] of cases) {
      const problem = await json<Problem>(
        await call(principals.cityAgency, "PUT", path("0801"), { ...pothole, attributes }),
        400,
      );
      expect(
        problem.errors.map((e) => e.field),
        field,
      ).toContain(field);
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM matter_definitions").first("n")).toBe(0);
  });
});

describe("public answers about matters", () => {
  it("leave out a matter the catalogue does not list (test configuration), everywhere residents look", async () => {
    await call(principals.cityAgency, "PUT", path("E2E-MINUTE"), { description: "端到端测试配置", listed: false });
    expect((await exports.default.admittedMatters(PJ)).map((m) => m.matterCode)).toEqual(["0801", "0802"]);
    expect(await (await exports.default.fetch(`${base}/v1/public/matters/lists/${PJ}`)).text()).not.toContain(
      "E2E-MINUTE",
    );
    expect((await publicMatter("E2E-MINUTE")).status).toBe(404);
    expect((await exports.default.matterAdmission(PJ, "E2E-MINUTE")).status).toBe("admitted");
  });

  it("scrub a phone typed into a matter's name or an attribute's prompt", async () => {
    const prompt = {
      code: "pole_number",
      description: "灯杆编号，不清楚可致电13800001234",
      datatype: "string",
      required: true,
      order: 1,
    };
    await call(principals.cityAgency, "PUT", path("0802"), { description: "路灯不亮", attributes: [prompt] });
    const light = (await exports.default.admittedMatters(PJ)).find((m) => m.matterCode === "0802");
    expect(light?.name).toBe("路灯故障（报修请打139******78）");
    expect(light?.attributes?.[0]?.description).toBe("灯杆编号，不清楚可致电138******34");
    const list = await (await exports.default.fetch(`${base}/v1/public/matters/lists/${PJ}`)).text();
    expect(list).not.toContain("13912345678");
    expect(await (await publicMatter("0802")).text()).not.toContain("13800001234");
  });
});
