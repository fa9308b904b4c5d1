import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { loadRiskContext } from "../src/disputes/risk-context";
import { database } from "../src/store/db";
import { projectDispute } from "../src/store/dispute-projection";
import { saveRiskRules } from "../src/store/dispute-rules";
import { readModelOf } from "../src/store/shards";
import { dispute, disputeCase, party, placeIn, PLACES, type Place } from "./node/dispute-risk-fixtures";

/** City-wide (the counties' rules); each dispute's rows are in its county's shard. */
const db = database(env.DB);
const project = (s: Parameters<typeof projectDispute>[1]) =>
  projectDispute(database(readModelOf(env, s.countyCode)), s);
const NOW = new Date("2026-11-20T02:00:00.000Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000).toISOString();
/** 江海 (440704): no other suite records disputes or sets rules here, so counts are this suite's alone. */
const JIANGHAI = placeIn("440704");
const jianghaiShard = readModelOf(env, "440704000000");
let n = 0;
/** A party key no other test uses (the repeat rule counts by key). */
const fresh = () => `idh:risk-context-${++n}-${Math.random().toString(36).slice(2)}`;

async function recorded(place: Place, keys: (string | null)[], at: string) {
  const state = disputeCase(place, dispute(keys, at));
  await project(state);
  return state;
}

const partyRows = async (caseId: string) =>
  (
    await jianghaiShard
      .prepare("SELECT party_key FROM dispute_parties WHERE case_id = ? ORDER BY party_key")
      .bind(caseId)
      .all<{ party_key: string }>()
  ).results.map((r) => r.party_key);

describe("projectDispute: the disputes' read model", () => {
  it("writes the dispute's row and its parties' keys, idempotently; a case that is no dispute is skipped", async () => {
    const [a, b] = [fresh(), fresh()];
    const state = await recorded(JIANGHAI, [a, b, null], daysAgo(1));
    await project(state);
    expect(await partyRows(state.id)).toEqual([a, b].sort());
    const row = await jianghaiShard.prepare("SELECT * FROM dispute_cases WHERE case_id = ?").bind(state.id).first();
    expect(row).toMatchObject({ county_code: "440704000000", division_code: "440704001001", stage: "recorded" });
    expect(row).toMatchObject({ risk_level: "general", open: 1, threat: 0, warned_department_ids: null });

    const plain = disputeCase(JIANGHAI, undefined);
    await project(plain);
    expect(
      await jianghaiShard.prepare("SELECT 1 FROM dispute_cases WHERE case_id = ?").bind(plain.id).first(),
    ).toBeNull();
  });

  it("a newer version replaces the parties; an older one redelivered late changes nothing", async () => {
    const [a, b, c] = [fresh(), fresh(), fresh()];
    const v1 = await recorded(JIANGHAI, [a, b], daysAgo(1));
    const v2 = { ...v1, version: v1.version + 1, dispute: { ...v1.dispute!, parties: [party(0, a), party(1, c)] } };
    await project(v2);
    await project(v1);
    expect(await partyRows(v1.id)).toEqual([a, c].sort());
    const version = await jianghaiShard
      .prepare("SELECT version FROM dispute_cases WHERE case_id = ?")
      .bind(v1.id)
      .first();
    expect(version).toEqual({ version: v2.version });
  });

  it("keeps when the level was reached while it holds, and the police the object named when it warned", async () => {
    const ENPING = placeIn("440785");
    const v1 = await recorded(ENPING, [fresh(), fresh()], daysAgo(1));
    const at = (m: number) => `2026-11-20T0${m}:00:00.000Z`;
    const risk = (level: "larger" | "major", policeWarnedAt: string | null) => ({
      ...v1.dispute!.risk,
      level,
      policeWarnedAt,
    });
    const version = (k: number, level: "larger" | "major", warned: string | null) => ({
      ...v1,
      version: v1.version + k,
      updatedAt: at(k),
      // The object keeps whom it warned; a later version names others only if it were to warn again (it never does).
      dispute: {
        ...v1.dispute!,
        risk: risk(level, warned),
        warnedDepartmentIds: [k < 4 ? "dept-440785-police" : "dept-440785-justice"],
      },
    });
    await project(version(1, "larger", null));
    await project(version(2, "larger", null));
    await project(version(3, "major", at(3)));
    await project(version(4, "major", at(3)));
    const row = await readModelOf(env, "440785000000")
      .prepare("SELECT risk_since, warned_department_ids FROM dispute_cases WHERE case_id = ?")
      .bind(v1.id)
      .first<{ risk_since: string; warned_department_ids: string }>();
    expect(row).toEqual({ risk_since: at(3), warned_department_ids: '["dept-440785-police"]' });
  });
});

describe("loadRiskContext: the county's rules and the facts they read", () => {
  it("counts the most other disputes of the county any one party appears in within the window", async () => {
    const [often, once, stranger] = [fresh(), fresh(), fresh()];
    await recorded(JIANGHAI, [often, fresh()], daysAgo(10));
    await recorded(JIANGHAI, [often, once], daysAgo(100));
    await recorded(JIANGHAI, [often], daysAgo(200)); // outside the default 180 days
    await recorded(PLACES.xinhui, [often, once], daysAgo(5)); // another county: never counted
    const now = await recorded(JIANGHAI, [often, once, stranger, null], daysAgo(0));
    const context = await loadRiskContext(env, now, now.dispute!.parties, NOW);
    expect(context.rules.countyCode).toBe("440704000000");
    expect(context.facts.repeats).toEqual({ "repeat-parties": 2 });
    // The case itself is never one of the others; `stranger` is in one other now (the case just counted).
    const again = disputeCase(JIANGHAI, dispute([stranger, fresh()], daysAgo(0)));
    const count = async (s: typeof again) => (await loadRiskContext(env, s, s.dispute!.parties, NOW)).facts.repeats;
    expect(await count(again)).toEqual({ "repeat-parties": 1 });
    expect(await count(disputeCase(JIANGHAI, dispute([fresh(), fresh()], daysAgo(0))))).toEqual({
      "repeat-parties": 0,
    });
  });

  it("reads the county's own rules, each repeat rule with its own window, and the parties' open tags", async () => {
    const TAISHAN = placeIn("440781");
    const rules = [
      { id: "month", when: "repeat_parties", withinDays: 30, atLeast: 1, raiseTo: "larger" },
      { id: "year", when: "repeat_parties", withinDays: 365, atLeast: 2, raiseTo: "major" },
    ] as const;
    await saveRiskRules(db, "440781000000", { rules: [...rules], policeDepartmentIds: [] }, "t-test");
    const key = fresh();
    await recorded(TAISHAN, [key], daysAgo(20));
    await recorded(TAISHAN, [key], daysAgo(300));
    const tagged = "pe-440703001001-000009";
    const state = disputeCase(TAISHAN, dispute([key, tagged], daysAgo(0)));
    const context = await loadRiskContext(env, state, state.dispute!.parties, NOW);
    expect(context.rules).toMatchObject({ custom: true, rules });
    expect(context.facts).toEqual({ repeats: { month: 1, year: 2 }, partyTagKinds: ["mental_disorder_risk"] });
  });

  it("a county that has set nothing runs on the defaults; parties without keys ask nothing", async () => {
    const state = disputeCase(PLACES.xinhui, dispute([null, null], daysAgo(0)));
    const context = await loadRiskContext(env, state, state.dispute!.parties, NOW);
    expect(context.rules).toMatchObject({ custom: false, policeDepartmentIds: ["dept-440705-police"] });
    expect(context.facts).toEqual({ repeats: { "repeat-parties": 0 }, partyTagKinds: [] });
  });
});
