import type { PersonView, Principal, Submission } from "@civicgrid/contracts";
import { exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, deliverNow, houseInGrid, idNumberOf, submitChange, VILLAGE, who } from "./helpers";

/**
 * A full scenario of people, households, tags and privacy as every role, then a scan of every answer and every log
 * line for the raw ID numbers and phones used: they may appear only in the unmasked read and the subject-access
 * answer (and nowhere in the logs).
 */
const numbers = [idNumberOf("440703", "19750505", "511"), idNumberOf("440703", "19760606", "522")];
const phones = ["13100006666", "13100007777", "13100008888"];
const secrets = [...numbers, ...phones];
const answers: { path: string; text: string; entitled: boolean }[] = [];
const logLines: string[] = [];

beforeAll(() => {
  for (const level of ["log", "warn", "error"] as const) {
    const original = { log: console.log, warn: console.warn, error: console.error }[level].bind(console);
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      logLines.push(args.map(String).join(" "));
      original(...args);
    });
  }
});

afterAll(() => {
  const leaks = answers
    .filter((a) => !a.entitled)
    .flatMap((a) => secrets.filter((s) => a.text.includes(s)).map((s) => `${a.path}: ${s}`));
  const logged = logLines.flatMap((line) => secrets.filter((s) => line.includes(s)));
  expect(answers.filter((a) => a.entitled).length).toBeGreaterThan(0);
  expect(logLines.length).toBeGreaterThan(0);
  expect(leaks).toEqual([]);
  expect(logged).toEqual([]);
});

/** Calls and keeps the answer; `entitled(status)` says whether it is an audited read that may carry the values. */
async function seen(p: Principal, method: string, path: string, body?: unknown, entitled = (_s: number) => false) {
  const res = await call(p, method, path, body);
  const text = await res.text();
  answers.push({ path: `${p.sub} ${method} ${path}`, text, entitled: entitled(res.status) });
  return { status: res.status, json: <T>() => JSON.parse(text) as T };
}

const ROLES: Principal[] = [
  who.villageAgency,
  who.countyAgency,
  who.otherCountyAgency,
  who.gridWorker,
  who.worker2,
  who.department,
  who.otherDepartment,
  who.resident,
  who.admin,
];

describe("no raw ID number or phone reaches an answer or a log line outside the audited reads", () => {
  it("walks the people routes as every role", async () => {
    const house = await houseInGrid(1);
    type Household = { newHousehold: { number: string } } | { householdId: string };
    const register = (number: string, phone: string, relation: "head" | "spouse", household: Household) => ({
      kind: "person.register" as const,
      identity: { document: "resident_id" as const, number },
      name: "扫描人",
      personType: "registered" as const,
      phone,
      household,
      relation,
      residence: { houseId: house, mode: "own" as const, since: "2022-01-01" },
    });
    const pending = await seen(who.gridWorker, "POST", "/v1/basedata/submissions", {
      villageCode: VILLAGE,
      change: register(numbers[0]!, phones[0]!, "head", { newHousehold: { number: "H-1" } }),
    });
    const sub = pending.json<Submission>();
    await seen(who.villageAgency, "GET", `/v1/basedata/submissions/${sub.id}`);
    await seen(who.villageAgency, "GET", `/v1/basedata/submissions?villageCode=${VILLAGE}`);
    const approved = await seen(who.villageAgency, "POST", `/v1/basedata/submissions/${sub.id}/decision`, {
      decision: "approve",
    });
    const person = approved.json<Submission>().recordId!;
    const view = (await seen(who.villageAgency, "GET", `/v1/basedata/people/${person}`)).json<PersonView>();
    const second = await submitChange(
      who.villageAgency,
      register(numbers[1]!, phones[1]!, "spouse", { householdId: view.householdId! }),
      { verifyNow: true },
    );
    answers.push({ path: "register second", text: await second.text(), entitled: false });
    await seen(who.villageAgency, "POST", "/v1/basedata/submissions", {
      villageCode: VILLAGE,
      change: { kind: "person.update", personId: person, phone: phones[2] },
      verifyNow: true,
    });
    await seen(who.villageAgency, "POST", "/v1/basedata/submissions", {
      villageCode: VILLAGE,
      change: {
        kind: "tag.add",
        personId: person,
        tagKind: "drug_user",
        reason: "名单",
        source: "公安",
        start: "2026-01-01",
      },
      verifyNow: true,
    });
    await deliverNow(VILLAGE);

    const paths = [
      `/v1/basedata/people/${person}`,
      `/v1/basedata/households/${view.householdId}`,
      `/v1/basedata/records/${person}/history`,
      `/v1/basedata/people?villageCode=${VILLAGE}`,
      `/v1/basedata/people?countyCode=440703000000&idNumber=${numbers[0]}`,
      `/v1/basedata/people?townshipCode=440703001000&phone=${phones[2]}`,
      `/v1/basedata/submissions?villageCode=${VILLAGE}`,
      "/v1/basedata/access-log?divisionCode=440703000000",
      "/v1/basedata/subject-requests?divisionCode=440703000000",
    ];
    for (const p of ROLES) for (const path of paths) await seen(p, "GET", path);

    const unmasked = await seen(
      who.villageAgency,
      "POST",
      `/v1/basedata/people/${person}/unmasked`,
      { purpose: "核对身份信息", fields: ["idNumber", "phone"] },
      () => true,
    );
    expect(unmasked.json<{ idNumber: string }>().idNumber).toBe(numbers[0]);
    const access = await seen(
      who.villageAgency,
      "POST",
      `/v1/basedata/people/${person}/subject-requests`,
      { kind: "access", reference: "R-1", reason: "本人查阅" },
      () => true,
    );
    expect(access.status).toBe(200);
    // The unmasked read answers those entitled (and logs each read); everyone else is refused.
    const allowed: string[] = [];
    for (const p of ROLES.filter((r) => r !== who.villageAgency)) {
      const body = { purpose: "尝试读取", fields: ["idNumber"] };
      const res = await seen(p, "POST", `/v1/basedata/people/${person}/unmasked`, body, (s) => s === 200);
      if (res.status === 200) allowed.push(p.sub);
    }
    expect(allowed).toEqual([who.countyAgency.sub, who.gridWorker.sub, who.department.sub, who.admin.sub]);
    const log = await seen(who.countyAgency, "GET", "/v1/basedata/access-log?divisionCode=440703000000&limit=50");
    const bySub = log.json<{ items: { recordId: string; bySub: string }[] }>().items.map((e) => e.bySub);
    expect(bySub.sort()).toEqual([...allowed, who.villageAgency.sub, who.villageAgency.sub].sort());
    await seen(who.villageAgency, "POST", "/v1/basedata/submissions", {
      villageCode: VILLAGE,
      change: { kind: "person.move-out", personId: person, date: "2026-10-01" },
      verifyNow: true,
    });
    await seen(who.villageAgency, "POST", `/v1/basedata/people/${person}/subject-requests`, {
      kind: "erasure",
      reference: "R-2",
      reason: "本人申请删除",
    });
    await exports.default.runCron("0 19 * * *", Date.now());
    for (const path of paths) await seen(who.villageAgency, "GET", path);
  });
});
