import type { components } from "@civicgrid/client";

export type Case = components["schemas"]["Case"];
export type CaseSummary = components["schemas"]["CaseSummary"];
export type CaseStatus = Case["status"];
export type CaseStep = NonNullable<Case["step"]>;

export const STATUS_NAMES: Record<CaseStatus, string> = {
  reported: "已上报",
  verified: "已核实",
  accepted: "已受理",
  dispatched: "已派遣",
  signed: "已签收",
  handled: "已处置",
  closed: "已结案",
  rated: "已评价",
  archived: "已归档",
  invalid: "已作废",
  merged: "已合并",
};

export const STEP_NAMES: Record<CaseStep, string> = {
  accept: "受理",
  dispatch: "派遣",
  sign: "签收",
  handle: "处置",
  check: "核查",
};

export const PRIORITY_NAMES: Record<Case["priority"], string> = { normal: "一般", urgent: "紧急", emergency: "特急" };

export const GROUND_NAMES: Record<"not_territory" | "not_function" | "not_property", string> = {
  not_territory: "不属于本辖区",
  not_function: "不属于本部门职责",
  not_property: "不属于本单位产权",
};

export const EVENT_NAMES: Record<string, string> = {
  "case.reported": "上报",
  "case.verified": "核实",
  "case.accepted": "受理",
  "case.dispatched": "派遣",
  "case.signed": "签收",
  "case.handled": "处置",
  "case.check_passed": "核查通过",
  "case.check_failed": "核查未通过",
  "case.rated": "评价",
  "case.archived": "归档",
  "case.returned": "退单",
  "case.return_upheld": "退单成立",
  "case.return_rejected": "退单驳回（强派）",
  "case.escalated": "上报上级",
  "case.extension_requested": "申请延期",
  "case.extension_approved": "延期获批",
  "case.extension_refused": "延期未批",
  "case.resolved_on_site": "现场处置",
  "case.invalidated": "作废",
  "case.merged": "合并",
  "case.reopened": "重办",
  "case.followed_up": "回访",
  "case.supervised": "督办",
  "case.media_attached": "上传照片",
  "case.deadline_warning": "时限预警",
  "case.overdue": "超时",
  "case.amended": "工单补充",
  "case.matter_approved": "事项审批通过",
  "case.pause_requested": "申请挂账",
  "case.pause_approved": "挂账获批",
  "case.pause_refused": "挂账未批",
  "case.resumed": "恢复计时",
  "case.reporter_joined": "附议",
  "case.follow_up_due": "待回访",
  "case.work_order_created": "生成工单",
  "case.work_order_awaiting_approval": "工单待审批",
};

const dateTime = new Intl.DateTimeFormat("zh-CN", {
  timeZone: "Asia/Shanghai",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
});

export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : "—";
}

/** The time left to a deadline as people say it ("剩 2 天 3 小时", "超时 40 分钟"), from `now`. */
export function countdown(dueAt: string | null, now: number): string {
  if (!dueAt) return "—";
  const ms = new Date(dueAt).getTime() - now;
  const abs = Math.abs(ms);
  const minutes = Math.floor(abs / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const text =
    days > 0 ? `${days} 天 ${hours} 小时` : hours > 0 ? `${hours} 小时 ${minutes % 60} 分钟` : `${minutes % 60} 分钟`;
  return ms >= 0 ? `剩 ${text}` : `超时 ${text}`;
}

/** The row's colour class: overdue before warned (an overdue case was warned too). */
export function urgency(c: { warned: boolean; overdue: boolean }): "overdue" | "warned" | undefined {
  return c.overdue ? "overdue" : c.warned ? "warned" : undefined;
}
