import type { Principal } from "@civicgrid/contracts";

/** Principals of every role in two counties of Jiangmen, for jurisdiction tests. */
export const principals = {
  admin: { sub: "t-admin", roles: ["platform_admin"], divisionCode: "440700000000" },
  cityAgency: { sub: "t-city", roles: ["agency"], divisionCode: "440700000000" },
  countyAgency: { sub: "t-county-pj", roles: ["agency"], divisionCode: "440703000000" },
  otherCountyAgency: { sub: "t-county-xh", roles: ["agency"], divisionCode: "440705000000" },
  townshipAgency: { sub: "t-township", roles: ["agency"], divisionCode: "440703001000" },
  hr: { sub: "t-hr", roles: ["hr"], divisionCode: "440703000000" },
  department: {
    sub: "t-dept",
    roles: ["department"],
    divisionCode: "440703000000",
    departmentId: "dept-440703-police",
  },
  otherDepartment: {
    sub: "t-dept2",
    roles: ["department"],
    divisionCode: "440703000000",
    departmentId: "dept-440703-housing",
  },
  gridWorker: { sub: "t-worker", roles: ["grid_worker"], divisionCode: "440703001001", grids: ["440703001001001"] },
  resident: { sub: "t-resident", roles: ["resident"], divisionCode: "440700000000" },
} satisfies Record<string, Principal>;
