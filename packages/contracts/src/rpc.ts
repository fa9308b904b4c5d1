/**
 * The RPC surface each service offers the others over service bindings. Each service's
 * default export implements its interface; callers type their binding with it. These are the
 * agreed shapes: change them only together with both sides.
 */
import type { DivisionCode } from "./division";

/** Where a point falls: the grid and the divisions above it. */
export interface PointLocation {
  gridCode: string;
  gridName: string;
  villageCode: DivisionCode;
  townshipCode: DivisionCode;
  countyCode: DivisionCode;
}

/** What the registry answers about a matter (网格事项) in a county on a date. */
export interface MatterAdmission {
  matterCode: string;
  countyCode: DivisionCode;
  /** admitted: on the admission list (准入清单); forbidden: on the forbidden list (禁入清单); unlisted: neither. */
  status: "admitted" | "forbidden" | "unlisted";
  name?: string;
  categoryCode?: string;
  responsibleDepartmentKind?: string;
  /** What the grid worker does with it. */
  workerDuty?: "collect" | "report" | "handle";
  /** Default time limits per step, e.g. { handle: { amount: 5, unit: "working_days" } }. */
  limits?: Record<string, { amount: number; unit: "working_days" | "working_hours" | "minutes" }>;
  emergency?: boolean;
  stabilityRisk?: boolean;
  policeCall?: boolean;
  /** For forbidden matters: the rule to quote in the refusal. */
  rule?: string;
  listVersion?: number;
}

export interface RegistryRpc {
  health(): Promise<unknown>;
  /** (lng, lat) → grid, or null outside every active grid; `onDate` (YYYY-MM-DD) asks about the past. */
  locate(lng: number, lat: number, onDate?: string): Promise<PointLocation | null>;
  locateMany(points: { lng: number; lat: number }[], onDate?: string): Promise<(PointLocation | null)[]>;
  grid(gridCode: string): Promise<{ code: string; name: string; villageCode: string; status: "draft" | "active" | "retired" } | null>;
  matterAdmission(countyCode: string, matterCode: string, onDate?: string): Promise<MatterAdmission>;
}

/** A worker serving a grid, as other services and the public disclosure see them (no private data). */
export interface GridServer {
  workerId: string;
  name: string;
  role: "chief" | "full_time" | "part_time" | "professional" | "auxiliary";
  workPhone: string;
  departmentId?: string;
}

export interface DutyContact {
  departmentId: string;
  name: string;
  dutyPhone: string;
  divisionCode: string;
  /** Login subjects of the department's staff who receive its work. */
  staffSubs: string[];
}

export interface RosterRpc {
  health(): Promise<unknown>;
  /** Who serves grid G on date D (default today), with roles. */
  gridServers(gridCode: string, onDate?: string): Promise<GridServer[]>;
  /** The grids worker W serves on date D. */
  workerGrids(workerId: string, onDate?: string): Promise<{ gridCode: string; role: GridServer["role"] }[]>;
  department(departmentId: string): Promise<DutyContact | null>;
  /** Whether a login subject may still act (a dismissed worker's or removed user's token stops working). */
  principalStatus(sub: string): Promise<{ active: boolean; reason?: string }>;
}
