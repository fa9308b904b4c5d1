import type { Principal, Role } from "@civicgrid/contracts";

/** Who acts on the base data, as the village object records it: the subject, the role that allowed it, the grids. */
export interface Actor {
  sub: string;
  role: Role;
  divisionCode: string;
  grids: string[];
  departmentId?: string;
}

export function actorOf(principal: Principal, role: Role): Actor {
  return {
    sub: principal.sub,
    role,
    divisionCode: principal.divisionCode,
    grids: principal.grids ?? [],
    ...(principal.departmentId ? { departmentId: principal.departmentId } : {}),
  };
}
