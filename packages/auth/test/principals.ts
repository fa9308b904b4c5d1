import type { Principal } from "@civicgrid/contracts";

// Callers of every role for the policy's own suites (@civicgrid/testing depends on this package, so it cannot
// be imported here): 蓬江区 440703 staff, a grid worker of one of its grids, a resident, the platform admin.
export const county: Principal = { sub: "a", roles: ["agency"], divisionCode: "440703000000" };
export const township: Principal = { sub: "t", roles: ["agency"], divisionCode: "440703001000" };
export const hr: Principal = { sub: "h", roles: ["hr"], divisionCode: "440703000000" };
export const dept: Principal = {
  sub: "d",
  roles: ["department"],
  divisionCode: "440703000000",
  departmentId: "dept-440703-police",
};
export const worker: Principal = {
  sub: "w",
  roles: ["grid_worker"],
  divisionCode: "440703001001",
  grids: ["440703001001001"],
};
export const resident: Principal = { sub: "r", roles: ["resident"], divisionCode: "440700000000" };
export const admin: Principal = { sub: "x", roles: ["platform_admin"], divisionCode: "440700000000" };
