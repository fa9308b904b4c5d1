/** Shapes of the generated demo data. */
import type { Attribution, DivisionLevel } from "./data";

export type { Attribution, DivisionLevel };

/** GeoJSON Polygon (RFC 7946): WGS84 [lng, lat], one counter-clockwise exterior ring, closed. */
export interface Polygon {
  type: "Polygon";
  coordinates: [number, number][][];
}

export interface Division {
  code: string;
  name: string;
  level: DivisionLevel;
  parentCode: string;
  /** Villages only: urban community (社区/居委会) or rural village (村委会). */
  urban?: boolean;
  geometry: Polygon;
  /** A point inside the polygon (its centroid; every generated polygon is convex). */
  center: [number, number];
  areaKm2: number;
}

export type GridType = "urban" | "rural" | "dedicated";
export type UnitKind = "campus" | "park" | "factory" | "office_tower";

export interface Grid {
  /** Village code + 3-digit sequence, e.g. 440703002001001. */
  code: string;
  name: string;
  sequence: number;
  villageCode: string;
  townshipCode: string;
  countyCode: string;
  type: GridType;
  /** Dedicated grids only: the unit the grid serves. */
  unit?: { kind: UnitKind; name: string };
  households: number;
  population: number;
  /** 党支部 or 党小组 organised on the grid. */
  partyOrganisation: string;
  /** 监督电话, a Jiangmen landline. */
  supervisionPhone: string;
  geometry: Polygon;
  center: [number, number];
  areaKm2: number;
}

export type DepartmentKey =
  | "police"
  | "civil_affairs"
  | "justice"
  | "hrss"
  | "ecology"
  | "housing"
  | "agriculture"
  | "culture_tourism"
  | "health"
  | "emergency"
  | "urban_management"
  | "petition"
  | "data"
  | "fire";

export interface Department {
  /** e.g. dept-440703-police */
  id: string;
  key: DepartmentKey;
  /** Short Chinese kind, e.g. 公安 */
  kind: string;
  name: string;
  level: "city" | "county";
  divisionCode: string;
  dutyPhone: string;
}

export type WorkerRole = "chief" | "full_time" | "part_time" | "professional";
export type Gender = "male" | "female";

export interface Worker {
  id: string;
  name: string;
  gender: Gender;
  /** 18-digit resident ID number with a valid check digit. */
  idNumber: string;
  /** YYYY-MM-DD, the same as in the ID number. */
  birthDate: string;
  mobile: string;
  workPhone: string;
  partyMember: boolean;
  role: WorkerRole;
  /** The village (grid workers) or township (professional workers) the worker belongs to. */
  divisionCode: string;
  departmentId?: string;
  assignments: { gridCode: string; role: WorkerRole }[];
}

export type Role = "platform_admin" | "agency" | "department" | "grid_worker" | "hr" | "resident";

export interface DemoUser {
  sub: string;
  name: string;
  roles: Role[];
  divisionCode: string;
  departmentId?: string;
  grids?: string[];
  /** Grid worker users: the worker record they log in as. */
  workerId?: string;
}

export interface City {
  seed: number;
  attribution: Attribution;
  divisions: Division[];
  grids: Grid[];
  departments: Department[];
  workers: Worker[];
  users: DemoUser[];
}
