import { env } from "cloudflare:workers";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  PJ,
  V1,
  call,
  draftWith,
  gridFields,
  json,
  principals,
  rect,
  resetRegistry,
  seedDivisions,
  seedMatters,
  submitLayout,
} from "./fixtures";

type Problem = { code: string };
type Versioned = { id: string; version: number; status: string };
const ifMatch = (version: number) => ({ "if-match": `"v${version}"` });
const covering = [{ op: "create", villageCode: V1, grid: gridFields(rect(113.0, 22.5, 113.02, 22.52)) }];

async function submitted() {
  const { layout } = await draftWith(PJ, covering);
  return json<Versioned>(await submitLayout(layout), 200);
}
const accept = (layout: Versioned, effectiveDate = "2099-01-01") =>
  call(principals.cityAgency, "POST", `/v1/layouts/${layout.id}/accept`, { effectiveDate }, ifMatch(layout.version));
const giveBack = (layout: Versioned) =>
  call(
    principals.cityAgency,
    "POST",
    `/v1/layouts/${layout.id}/return`,
    { reasons: ["边界不清"] },
    ifMatch(layout.version),
  );

beforeAll(async () => {
  await seedDivisions();
  await seedMatters();
});
beforeEach(resetRegistry);

describe("the layout filing lifecycle, as its table says", () => {
  it("refuses to accept or return a layout that was never submitted (409)", async () => {
    const { layout } = await draftWith(PJ, covering);
    const draft = { id: layout.id, version: layout.version, status: "draft" };
    expect((await json<Problem>(await accept(draft), 409)).code).toBe("invalid_transition");
    expect((await json<Problem>(await giveBack(draft), 409)).code).toBe("invalid_transition");
  });

  it("refuses every command on an accepted layout (409)", async () => {
    const accepted = await json<Versioned>(await accept(await submitted()), 200);
    expect((await json<Problem>(await accept(accepted), 409)).code).toBe("invalid_transition");
    expect((await json<Problem>(await giveBack(accepted), 409)).code).toBe("invalid_transition");
    const resubmit = await submitLayout(accepted);
    expect((await json<Problem>(resubmit, 409)).code).toBe("invalid_transition");
  });

  it("lets only one of two concurrent reviews win: the other changes nothing", async () => {
    const layout = await submitted();
    const answers = await Promise.all([accept(layout), giveBack(layout)]);
    const [won, lost] = answers[0]?.status === 200 ? answers : [answers[1], answers[0]];
    expect(won?.status).toBe(200);
    // The loser read before the winner wrote (its guard fails: 412) or after (the status refuses it: 409).
    expect([409, 412]).toContain(lost?.status);
    const winner = (await won?.json()) as Versioned;
    const now = await json<Versioned>(await call(principals.countyAgency, "GET", `/v1/layouts/${layout.id}`), 200);
    expect(now).toMatchObject({ status: winner.status, version: layout.version + 1 });
    const events = await env.DB.prepare(
      "SELECT count(*) AS n FROM outbox WHERE id LIKE 'registry.layout.%' AND id NOT LIKE '%submitted%'",
    ).first("n");
    expect(events).toBe(1);
  });
});

describe("the matter change lifecycle, as its table says", () => {
  const request = async () => {
    const body = {
      countyCode: PJ,
      change: { action: "withdraw", list: "admission", matterCode: "0101" },
      reason: "不再由网格员办理",
    };
    return json<Versioned>(await call(principals.department, "POST", "/v1/matters/change-requests", body), 201);
  };
  const decide = (r: Versioned, command: "approve" | "refuse") =>
    call(
      principals.countyAgency,
      "POST",
      `/v1/matters/change-requests/${r.id}/${command}`,
      command === "refuse" ? { note: "理由不足" } : {},
      ifMatch(r.version),
    );

  it("refuses to decide a request twice (409)", async () => {
    const refused = await json<Versioned>(await decide(await request(), "refuse"), 200);
    expect(refused.status).toBe("refused");
    expect((await json<Problem>(await decide(refused, "approve"), 409)).code).toBe("invalid_transition");
    expect((await json<Problem>(await decide(refused, "refuse"), 409)).code).toBe("invalid_transition");
  });

  it("lets only one of a concurrent approval and refusal win, and files no list version for the loser", async () => {
    await env.DB.prepare(
      "INSERT INTO matter_list_versions (county_code, number, effective_date, approved_by, filed_at) VALUES (?1, 1, '2025-01-01', 't', 't')",
    )
      .bind(PJ)
      .run();
    await env.DB.prepare(
      "INSERT INTO matter_list_items (county_code, number, list, matter_code, item) VALUES (?1, 1, 'admission', '0101', '{}')",
    )
      .bind(PJ)
      .run();
    const pending = await request();
    const answers = await Promise.all([decide(pending, "approve"), decide(pending, "refuse")]);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(1);
    expect(answers.map((r) => r.status).filter((s) => s !== 200)).toEqual([
      expect.toSatisfy((s: number) => s === 409 || s === 412),
    ]);
    const versions = await env.DB.prepare("SELECT count(*) AS n FROM matter_list_versions WHERE county_code = ?1")
      .bind(PJ)
      .first("n");
    const approved = answers[0]?.status === 200;
    expect(versions).toBe(approved ? 2 : 1);
  });
});
