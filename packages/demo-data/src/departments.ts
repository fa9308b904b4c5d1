/** The linkage departments (联动部门) of the city and of each county-level division. */
import type { DivisionRecord } from "./data";
import { landline } from "./phones";
import { createRng } from "./random";
import type { Department, DepartmentKey } from "./types";

interface Kind {
  key: DepartmentKey;
  kind: string;
  /** Name of the bureau after the division's name, e.g. 公安局. */
  bureau: string;
  /** Districts and county-level cities under the city bureau: "branch" → 江门市公安局蓬江分局. */
  style?: "branch" | "brigade";
}

export const DEPARTMENT_KINDS: readonly Kind[] = [
  { key: "police", kind: "公安", bureau: "公安局", style: "branch" },
  { key: "civil_affairs", kind: "民政", bureau: "民政局" },
  { key: "justice", kind: "司法行政", bureau: "司法局" },
  { key: "hrss", kind: "人力资源社会保障", bureau: "人力资源和社会保障局" },
  { key: "ecology", kind: "生态环境", bureau: "生态环境局", style: "branch" },
  { key: "housing", kind: "住房城乡建设", bureau: "住房和城乡建设局" },
  { key: "agriculture", kind: "农业农村", bureau: "农业农村局" },
  { key: "culture_tourism", kind: "文化广电旅游体育", bureau: "文化广电旅游体育局" },
  { key: "health", kind: "卫生健康", bureau: "卫生健康局" },
  { key: "emergency", kind: "应急管理", bureau: "应急管理局" },
  { key: "urban_management", kind: "城市管理综合执法", bureau: "城市管理和综合执法局" },
  { key: "petition", kind: "信访", bureau: "信访局" },
  { key: "data", kind: "政务服务数据管理", bureau: "政务服务和数据管理局" },
  { key: "fire", kind: "消防救援", bureau: "消防救援支队", style: "brigade" },
];

export const departmentId = (divisionCode: string, key: DepartmentKey): string =>
  `dept-${divisionCode.slice(0, 6)}-${key}`;

function departmentName(kind: Kind, division: DivisionRecord, cityName: string): string {
  if (division.level === "city") return cityName + kind.bureau;
  const short = division.name.replace(/(区|市|县)$/, "");
  const isDistrict = division.name.endsWith("区");
  if (kind.style === "branch") {
    // 江门市公安局蓬江分局; county-level cities keep their own police bureau (台山市公安局).
    if (kind.key === "police" && !isDistrict) return division.name + kind.bureau;
    return `${cityName}${kind.bureau}${short}分局`;
  }
  if (kind.style === "brigade") return `${isDistrict ? cityName : ""}${division.name}消防救援大队`;
  return `${isDistrict ? cityName : ""}${division.name}${kind.bureau}`;
}

/** 14 departments for the city and for each county, with stable ids such as dept-440703-police. */
export function generateDepartments(seed: number, city: DivisionRecord, counties: DivisionRecord[]): Department[] {
  const out: Department[] = [];
  for (const division of [city, ...counties]) {
    for (const kind of DEPARTMENT_KINDS) {
      const id = departmentId(division.code, kind.key);
      const rng = createRng(seed, "department", id);
      out.push({
        id,
        key: kind.key,
        kind: kind.kind,
        name: departmentName(kind, division, city.name),
        level: division.level === "city" ? "city" : "county",
        divisionCode: division.code,
        dutyPhone: landline(rng),
      });
    }
  }
  return out;
}
