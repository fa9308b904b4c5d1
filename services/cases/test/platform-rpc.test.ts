import { principals } from "@civicgrid/testing";
import { isPlatformRefusal, type CaseArchive, type CaseView } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, refusal } from "./helpers";

// The integrations service's calls (CasesPlatformRpc), made the way it makes them: RPC on the default export.
let seq = 0;
const order = (overrides: Record<string, unknown> = {}) => ({
  platform: "yuepingan",
  orderId: `YPA-RPC-${Date.now()}-${++seq}`,
  categoryCode: "A01",
  divisionCode: "440703001001",
  title: "群众来电反映路灯",
  description: "12345转办：三号路口路灯不亮",
  reportedAt: new Date().toISOString(),
  ...overrides,
});
const archiveOf = async (id: string) =>
  (await call(principals.countyAgency, "GET", `/v1/cases/${id}/archive`)).json<CaseArchive>();

describe("platform orders over RPC", () => {
  it("create and cancel answer exactly { caseId, created } and { caseId, status }", async () => {
    const input = order();
    const created = await exports.default.createFromPlatform(input);
    expect(Object.keys(created).sort()).toEqual(["caseId", "created"]);
    expect(created).toEqual({ caseId: expect.stringMatching(/^CASE-\d{8}-[A-Z2-7]{10}$/), created: true });
    const cancelled = await exports.default.cancelFromPlatform(input.platform, input.orderId, "群众撤回");
    expect(cancelled).toEqual({ caseId: created.caseId, status: "invalid" });
  });

  it("an amendment logs the note as case.amended, replaces the description in the case, read model and search", async () => {
    const input = order();
    const { caseId } = await exports.default.createFromPlatform(input);
    const answer = await exports.default.updateFromPlatform(input.platform, input.orderId, {
      note: "群众补充：灯杆倾斜",
      description: "三号路口路灯不亮且灯杆倾斜有倒塌风险",
    });
    expect(answer).toEqual({ caseId, status: "reported" });
    const archive = await archiveOf(caseId);
    expect(archive.case.description).toBe("三号路口路灯不亮且灯杆倾斜有倒塌风险");
    expect(archive.events.map((e) => e.type)).toEqual(["case.reported", "case.amended"]);
    expect(archive.events[1]).toMatchObject({
      from: "reported",
      to: "reported",
      actor: { sub: "platform:yuepingan", role: "platform" },
      payload: { note: "群众补充：灯杆倾斜", descriptionChanged: true, previousDescription: input.description },
    });
    expect((await exports.default.publicRequest(caseId))?.description).toBe("三号路口路灯不亮且灯杆倾斜有倒塌风险");
    const found = await (
      await call(principals.countyAgency, "GET", `/v1/cases?q=${encodeURIComponent("倒塌风险")}`)
    ).json<{ items: CaseView[] }>();
    expect(found.items.map((i) => i.id)).toEqual([caseId]);
    expect(await (await call(principals.countyAgency, "GET", `/v1/cases/${caseId}/archive/verify`)).json()).toEqual({
      valid: true,
      events: 2,
    });
  });

  it("is idempotent for the same (platform, order, note): a redelivery is logged once", async () => {
    const input = order();
    const { caseId } = await exports.default.createFromPlatform(input);
    const update = { note: "请加快处理" };
    const [a, b] = await Promise.all([
      exports.default.updateFromPlatform(input.platform, input.orderId, update),
      exports.default.updateFromPlatform(input.platform, input.orderId, update),
    ]);
    const c = await exports.default.updateFromPlatform(input.platform, input.orderId, update);
    expect([a, b, c]).toEqual([
      { caseId, status: "reported" },
      { caseId, status: "reported" },
      { caseId, status: "reported" },
    ]);
    let archive = await archiveOf(caseId);
    expect(archive.events.map((e) => e.type)).toEqual(["case.reported", "case.amended"]);
    expect(archive.events[1]!.payload).toEqual({ note: "请加快处理", descriptionChanged: false });
    // Another note is another amendment; the same note with a different text is refused, not dropped.
    await exports.default.updateFromPlatform(input.platform, input.orderId, { note: "再次催办" });
    expect(
      await refusal(
        exports.default.updateFromPlatform(input.platform, input.orderId, {
          note: "请加快处理",
          description: "另一段描述文字",
        }),
      ),
    ).toMatch(/already has this note/);
    archive = await archiveOf(caseId);
    expect(archive.events.map((e) => e.type)).toEqual(["case.reported", "case.amended", "case.amended"]);
  });

  it("refuses an unknown order, an empty note, and amending a withdrawn case", async () => {
    expect(await refusal(exports.default.updateFromPlatform("yuepingan", "NO-SUCH-ORDER", { note: "x" }))).toMatch(
      /no case for yuepingan order NO-SUCH-ORDER/,
    );
    expect(await refusal(exports.default.cancelFromPlatform("yuepingan", "NO-SUCH-ORDER", "x"))).toMatch(
      /no case for yuepingan order NO-SUCH-ORDER/,
    );
    const input = order();
    await exports.default.createFromPlatform(input);
    expect(await refusal(exports.default.updateFromPlatform(input.platform, input.orderId, { note: "  " }))).toMatch(
      /update\.note/,
    );
    await exports.default.cancelFromPlatform(input.platform, input.orderId, "群众撤回");
    expect(await refusal(exports.default.updateFromPlatform(input.platform, input.orderId, { note: "补充" }))).toMatch(
      /invalid case cannot be amended/,
    );
  });

  it("sends refusals that a retry cannot change as RangeError, the type integrations stores as refused", async () => {
    const refused = await exports.default
      .updateFromPlatform("yuepingan", "NO-SUCH-ORDER", { note: "x" })
      .catch((e: unknown) => e);
    expect(isPlatformRefusal(refused)).toBe(true);
    expect((refused as Error).message).toMatch(/^not_found: no case for yuepingan order NO-SUCH-ORDER/);
    const invalid = await exports.default.createFromPlatform({ ...order(), orderId: "" }).catch((e: unknown) => e);
    expect(isPlatformRefusal(invalid)).toBe(true);
  });
});
