import { principals } from "@civicgrid/testing/principals";
import type { MatterAdmission, Principal } from "@civicgrid/contracts";
import { describe, expect, it } from "vitest";
import {
  canonicalJson,
  chainHash,
  decide,
  decideForPlatform,
  GENESIS_HASH,
  openCase,
  tick,
  verifyChain,
  type Actor,
  type CaseCommand,
  type Step,
} from "../../src/domain";

/** The hand-written canonical JSON every existing chain was hashed with: the reference the package must match. */
function before(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(before).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${before(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

const NOW = new Date("2026-03-16T02:00:00Z");
const admission: MatterAdmission = {
  matterCode: "A01",
  countyCode: "440703000000",
  status: "unlisted",
  name: "道路破损",
};
const placement = {
  gridCode: "440703001001001",
  villageCode: "440703001001",
  townshipCode: "440703001000",
  countyCode: "440703000000",
};

/** Every step of a long life of one case: the event bodies the DO hashes are built from these. */
function life(): { steps: Step[]; actors: Actor[] } {
  const steps = openCase(
    {
      id: "CASE-20260316-ABCDEFGHJK",
      title: '路灯不亮 "三号" 路口\n😀',
      description: "描述 \\ 反斜杠 \u2028 \u0007",
      categoryCode: "A01",
      priority: "normal",
      source: "grid_worker",
      placement,
      location: { lng: 113.081, lat: 22.5, address: "蓬江区 1e3 号" },
      admission: { ...admission, limits: { "urgent:handle": { amount: 1, unit: "working_days" } } },
      reporterSub: principals.resident.sub,
      followTokenHash: null,
      external: { platform: "yuepingan", orderId: "YPA-1" },
      workOrder: null,
      intake: { channel: "open311", clientId: "app-1", contactLeft: true },
    },
    NOW,
  );
  const actors: Actor[] = steps.map(() => ({ sub: "open311:app-1", role: "resident", unit: "440703001001" }));
  let s = steps[steps.length - 1]!.state;
  const run = (p: Principal, command: CaseCommand) => {
    const d = decide(s, command, p, NOW);
    if (!d.ok) throw new Error(d.detail);
    steps.push(...d.steps);
    actors.push(...d.steps.map(() => d.actor!));
    s = d.steps[d.steps.length - 1]!.state;
  };
  run(principals.gridWorker, { name: "verify", body: { note: "属实" } });
  run(principals.countyAgency, { name: "approve-matter", body: { opinion: "同意纳入" } });
  run(principals.townshipAgency, { name: "accept", body: {} });
  run(principals.townshipAgency, {
    name: "dispatch",
    body: { leadDepartmentId: "dept-440703-police", assistingDepartmentIds: ["dept-440703-housing"] },
  });
  run(principals.department, {
    name: "return",
    body: { ground: "not_function", reason: "不属于公安职责", evidence: [] },
  });
  run(principals.townshipAgency, { name: "rule-return", body: { upheld: false, opinion: "属公安职责" } });
  run(principals.department, { name: "sign", body: {} });
  run(principals.department, {
    name: "request-extension",
    body: { amount: 3, unit: "working_days", reason: "需采购" },
  });
  run(principals.townshipAgency, { name: "review-extension", body: { approved: true, opinion: "同意" } });
  steps.push(...tick(s, new Date("2027-01-01T00:00:00Z")));
  run(principals.department, {
    name: "handle",
    body: { outcome: "已修复", evidence: [{ kind: "photo", url: "https://f.example.cn/1.jpg" }] },
  });
  run(principals.townshipAgency, { name: "check", body: { passed: true, opinion: "合格" } });
  run(principals.resident, { name: "rate", body: { rating: "unsatisfied", reopen: true, comment: "没修好" } });
  const platform = { sub: "platform:yuepingan", role: "platform", unit: "platform" };
  const amended = decideForPlatform(s, { name: "amend", body: { note: "补充", description: "新描述" } }, platform, NOW);
  if (amended.ok) steps.push(...amended.steps);
  while (actors.length < steps.length) actors.push(platform);
  return { steps, actors };
}

describe("canonical JSON of the hash chain: RFC 8785 through the canonicalize package", () => {
  it("is byte for byte the old form for every event body, command identity and amendment key cases hashes", () => {
    const { steps, actors } = life();
    expect(steps.length).toBeGreaterThan(15);
    let from: string | null = null;
    steps.forEach((step, i) => {
      const s = step.state;
      const body = {
        version: s.version,
        type: step.type,
        actor: actors[i],
        at: s.updatedAt,
        from,
        to: s.status,
        payload: step.details,
        idempotencyKey: i % 2 ? "k-1" : null,
      };
      expect(canonicalJson(body)).toBe(before(body));
      expect(canonicalJson({ ...body, state: s })).toBe(before({ ...body, state: s }));
      from = s.status;
    });
    const identities = [
      { command: { name: "verify", body: { note: "属实" } }, sub: "user-1" },
      { cancel: "群众撤回", sub: "platform:yuepingan" },
      { amendment: { note: "补充", description: undefined }, sub: "platform:x" },
      { platform: "yuepingan", orderId: "YPA-2026-0001", note: "补充" },
      { b: [1, 2.5, -0, 1e21, 1e-7, true, null], a: { é: 1, z: 2, A: 3, "10": 4, "9": 5 } },
    ];
    for (const value of identities) expect(canonicalJson(value)).toBe(before(value));
  });

  it("writes the fixed strings the old chains hold", () => {
    expect(
      canonicalJson({
        to: "accepted",
        actor: { unit: "440703001000", sub: "u", role: "agency" },
        from: null,
        version: 3,
      }),
    ).toBe('{"actor":{"role":"agency","sub":"u","unit":"440703001000"},"from":null,"to":"accepted","version":3}');
    expect(canonicalJson({ note: '路灯\n"坏"', n: 0.1 })).toBe('{"n":0.1,"note":"路灯\\n\\"坏\\""}');
  });

  it("keeps the old form for text holding a lone surrogate, which JCS refuses, so such chains still verify", async () => {
    const body = { version: 1, payload: { note: "bad \ud800 text" } };
    expect(canonicalJson(body)).toBe(before(body));
    const hash = await chainHash(GENESIS_HASH, body);
    expect(await verifyChain([{ version: 1, prevHash: GENESIS_HASH, hash, body }])).toEqual({ valid: true, events: 1 });
  });
});
