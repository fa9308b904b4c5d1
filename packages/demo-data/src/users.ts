/**
 * Login subjects of every role, with stable subs. `demoPrincipals` are the well-known ones used by
 * tests and the dev token script; they do not depend on the seed or the grid count.
 */
import { CITY_CODE } from "./data";
import type { DivisionRecord } from "./data";
import { personName } from "./names";
import { createRng } from "./random";
import type { DemoUser, Department, Worker } from "./types";

const BAISHA = "440703002000"; // 白沙街道, 蓬江区
const YANGQIAO = "440703002101"; // 羊桥社区居委会, 白沙街道

export type DemoPrincipalKey =
  | "platformAdmin"
  | "cityAgency"
  | "countyAgency"
  | "otherCountyAgency"
  | "townshipAgency"
  | "villageAgency"
  | "department"
  | "gridWorker"
  | "hr"
  | "resident";

export const demoPrincipals: Readonly<Record<DemoPrincipalKey, Readonly<DemoUser>>> = {
  platformAdmin: {
    sub: "demo-platform-admin",
    name: "平台管理员（演示）",
    roles: ["platform_admin"],
    divisionCode: CITY_CODE,
  },
  cityAgency: {
    sub: "demo-city-agency",
    name: "江门市网格化服务管理中心（演示）",
    roles: ["agency"],
    divisionCode: CITY_CODE,
  },
  countyAgency: {
    sub: "demo-county-agency-440703",
    name: "蓬江区网格化服务管理中心（演示）",
    roles: ["agency"],
    divisionCode: "440703000000",
  },
  otherCountyAgency: {
    sub: "demo-county-agency-440705",
    name: "新会区网格化服务管理中心（演示）",
    roles: ["agency"],
    divisionCode: "440705000000",
  },
  townshipAgency: {
    sub: "demo-township-agency",
    name: "白沙街道综治中心（演示）",
    roles: ["agency"],
    divisionCode: BAISHA,
  },
  villageAgency: {
    sub: "demo-village-agency",
    name: "羊桥社区综治中心（演示）",
    roles: ["agency"],
    divisionCode: YANGQIAO,
  },
  department: {
    sub: "demo-department-440703-police",
    name: "江门市公安局蓬江分局（演示）",
    roles: ["department"],
    divisionCode: "440703000000",
    departmentId: "dept-440703-police",
  },
  gridWorker: {
    sub: "demo-grid-worker",
    name: "羊桥社区第1网格网格长（演示）",
    roles: ["grid_worker"],
    divisionCode: YANGQIAO,
    grids: [`${YANGQIAO}001`],
    workerId: `worker-${YANGQIAO}001-chief`,
  },
  hr: { sub: "demo-hr", name: "人事专员（演示）", roles: ["hr"], divisionCode: CITY_CODE },
  resident: { sub: "demo-resident", name: "居民（演示）", roles: ["resident"], divisionCode: YANGQIAO },
};

const copy = (u: DemoUser): DemoUser => ({ ...u, roles: [...u.roles], ...(u.grids ? { grids: [...u.grids] } : {}) });

export function generateUsers(
  seed: number,
  counties: readonly DivisionRecord[],
  townships: readonly DivisionRecord[],
  villages: readonly DivisionRecord[],
  departments: readonly Department[],
  workers: readonly Worker[],
): DemoUser[] {
  const rng = createRng(seed, "users");
  const staff = (sub: string, roles: DemoUser["roles"], divisionCode: string): DemoUser => ({
    sub,
    name: personName(rng, rng.chance(0.5) ? "male" : "female"),
    roles,
    divisionCode,
  });
  const users: DemoUser[] = Object.values(demoPrincipals).map(copy);
  users.push(staff("user-platform-admin-1", ["platform_admin"], CITY_CODE));
  for (let i = 1; i <= 3; i++) users.push(staff(`user-agency-440700-${i}`, ["agency"], CITY_CODE));
  for (const county of counties) {
    for (let i = 1; i <= 2; i++)
      users.push(staff(`user-agency-${county.code.slice(0, 6)}-${i}`, ["agency"], county.code));
    const township = townships.find((t) => t.parentCode === county.code);
    if (!township) continue;
    users.push(staff(`user-agency-${township.code.slice(0, 9)}-1`, ["agency"], township.code));
    const village = villages.find((v) => v.parentCode === township.code);
    if (village) users.push(staff(`user-agency-${village.code}-1`, ["agency"], village.code));
  }
  for (const d of departments)
    users.push({ ...staff(`user-${d.id}`, ["department"], d.divisionCode), departmentId: d.id });
  // A login for the chief and the full-time worker of every tenth grid, and every professional's first.
  workers.forEach((w, i) => {
    const gridIndex = Math.floor(i / 3);
    const isGridWorker = w.role !== "professional" && w.role !== "part_time" && gridIndex % 10 === 0;
    if (!isGridWorker && !(w.role === "professional" && w.id.endsWith("-1"))) return;
    users.push({
      sub: `user-${w.id}`,
      name: w.name,
      roles: ["grid_worker"],
      divisionCode: w.divisionCode,
      grids: w.assignments.map((a) => a.gridCode),
      workerId: w.id,
    });
  });
  users.push(staff("user-hr-440700-1", ["hr"], CITY_CODE));
  for (let i = 1; i <= 3; i++) users.push(staff(`user-resident-${i}`, ["resident"], rng.pick(villages).code));
  // HR staff of each county (人社 / 组织 side of worker management), added last so earlier users keep their names.
  for (const county of counties) users.push(staff(`user-hr-${county.code.slice(0, 6)}-1`, ["hr"], county.code));
  return users;
}
