/**
 * Grid workers: a chief (网格长, always a party member), a full-time (专职) and a part-time (兼职)
 * worker per grid, plus professional workers (专业网格员) per township from county departments,
 * each serving up to about 120 of the township's grids.
 */
import { departmentId } from "./departments";
import type { GridFacts } from "./grids";
import { genderOfIdNumber, makeIdNumber } from "./idcard";
import { personName } from "./names";
import { mobile } from "./phones";
import { createRng } from "./random";
import type { Rng } from "./random";
import type { DepartmentKey, Gender, Worker, WorkerRole } from "./types";

const PROFESSIONAL_KEYS: readonly DepartmentKey[] = ["police", "urban_management", "justice", "health", "emergency"];
const PER_PROFESSIONAL = 120;

interface PersonContext {
  seed: number;
  asOf: string;
  taken: Set<string>;
}

function person(ctx: PersonContext, rng: Rng, region: string, minAge: number, maxAge: number) {
  const gender: Gender = rng.chance(0.55) ? "female" : "male";
  const { idNumber, birthDate } = makeIdNumber(rng, region, gender, ctx.asOf, ctx.taken, minAge, maxAge);
  let workPhone = mobile(rng);
  const own = mobile(rng);
  if (workPhone === own) workPhone = mobile(rng);
  return {
    name: personName(rng, gender),
    gender: genderOfIdNumber(idNumber),
    idNumber,
    birthDate,
    mobile: own,
    workPhone,
  };
}

const GRID_ROLES: readonly { role: WorkerRole; suffix: string; party: number; ages: [number, number] }[] = [
  { role: "chief", suffix: "chief", party: 1, ages: [30, 58] },
  { role: "full_time", suffix: "full", party: 0.4, ages: [22, 50] },
  { role: "part_time", suffix: "part", party: 0.25, ages: [22, 60] },
];

export function generateWorkers(seed: number, grids: readonly GridFacts[], asOf: string): Worker[] {
  const ctx: PersonContext = { seed, asOf, taken: new Set() };
  const out: Worker[] = [];
  const byTownship = new Map<string, GridFacts[]>();
  for (const grid of grids) {
    const region = grid.countyCode.slice(0, 6);
    for (const spec of GRID_ROLES) {
      const id = `worker-${grid.code}-${spec.suffix}`;
      const rng = createRng(seed, "worker", id);
      out.push({
        id,
        ...person(ctx, rng, region, spec.ages[0], spec.ages[1]),
        partyMember: spec.party >= 1 || rng.chance(spec.party),
        role: spec.role,
        divisionCode: grid.villageCode,
        assignments: [{ gridCode: grid.code, role: spec.role }],
      });
    }
    const list = byTownship.get(grid.townshipCode) ?? [];
    list.push(grid);
    byTownship.set(grid.townshipCode, list);
  }
  for (const [township, list] of byTownship) {
    const rng = createRng(seed, "professionals", township);
    const keys = PROFESSIONAL_KEYS.filter(() => rng.chance(0.6));
    if (keys.length === 0) keys.push("police");
    const chunks = Math.ceil(list.length / PER_PROFESSIONAL);
    for (const key of keys) {
      for (let c = 0; c < chunks; c++) {
        const served = list.slice(c * PER_PROFESSIONAL, (c + 1) * PER_PROFESSIONAL);
        const id = `worker-${township.slice(0, 9)}-${key}-${c + 1}`;
        const prng = createRng(seed, "worker", id);
        out.push({
          id,
          ...person(ctx, prng, township.slice(0, 6), 25, 55),
          partyMember: prng.chance(0.6),
          role: "professional",
          divisionCode: township,
          departmentId: departmentId(township, key),
          assignments: served.map((g) => ({ gridCode: g.code, role: "professional" as const })),
        });
      }
    }
  }
  return out;
}
