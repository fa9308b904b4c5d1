import type { components } from "@civicgrid/client";

type CaseStatus = components["schemas"]["PublicCaseView"]["status"];
type WorkerRole = components["schemas"]["PublicGrid"]["workers"][number]["role"];
export type Rating = "satisfied" | "basically_satisfied" | "unsatisfied";

/** What each status means to the resident who reported (the public view names no one who works on it). */
export const STATUS: Record<CaseStatus, string> = {
  reported: "已受理登记",
  verified: "网格员已核实",
  accepted: "已立案",
  dispatched: "已派发至职能部门",
  signed: "部门已签收",
  handled: "部门已办结，待核查",
  closed: "已结案，待您评价",
  rated: "已评价",
  archived: "已归档",
  invalid: "经核实不予受理",
  merged: "已与同一问题合并办理",
};

export const ROLE: Record<WorkerRole, string> = {
  chief: "网格长",
  full_time: "专职网格员",
  part_time: "兼职网格员",
  professional: "专业网格员",
  auxiliary: "网格辅助人员",
};

export const GRID_TYPE: Record<components["schemas"]["PublicGrid"]["type"], string> = {
  urban: "城镇网格",
  rural: "农村网格",
  dedicated: "专属网格",
};

export const RATING: Record<Rating, string> = {
  satisfied: "满意",
  basically_satisfied: "基本满意",
  unsatisfied: "不满意",
};

/** The steps of the timeline, in words; a step not named here shows its status instead. */
const EVENT: Record<string, string> = {
  "case.reported": "提交反映",
  "case.verified": "网格员现场核实",
  "case.resolved_on_site": "网格员现场解决",
  "case.accepted": "立案",
  "case.escalated": "上报上级处理",
  "case.dispatched": "派发职能部门",
  "case.returned": "部门退回，重新派发",
  "case.signed": "部门签收",
  "case.handled": "部门办结",
  "case.check_passed": "核查通过，结案",
  "case.check_failed": "核查未通过，继续办理",
  "case.rated": "居民评价",
  "case.reopened": "重新办理",
  "case.archived": "归档",
  "case.extension_requested": "申请延期",
  "case.extension_approved": "延期获批",
  "case.extension_refused": "延期未获批",
  "case.merged": "合并办理",
  "case.invalidated": "不予受理",
  "case.deadline_warning": "临近办理时限",
  "case.overdue": "超过办理时限",
  "case.supervised": "上级督办",
};

export function stepName(type: string, status: CaseStatus): string {
  return EVENT[type] ?? STATUS[status];
}

export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("zh-CN", { hour12: false });
}
