/** zh-CN names for the API's codes, as the field screens show them. */
/** The statuses of a case still being worked on (shown on the map and in a worker's tasks). */
export const OPEN_STATUSES = new Set(["reported", "verified", "accepted", "dispatched", "signed", "handled"]);

export const GRID_TYPE: Record<string, string> = { urban: "城镇网格", rural: "农村网格", dedicated: "专属网格" };

export const GRID_STATUS: Record<string, string> = { draft: "草稿", active: "生效", retired: "已撤销" };

export const LAYOUT_STATUS: Record<string, string> = {
  draft: "编制中",
  submitted: "已报备",
  returned: "已退回",
  accepted: "已备案",
};

export const TAG_KIND: Record<string, string> = {
  low_income: "低保对象",
  extreme_poverty: "特困人员",
  disabled: "残疾人",
  elderly_alone: "独居老人",
  left_behind_child: "留守儿童",
  veteran: "退役军人",
  community_correction: "社区矫正对象",
  released_prisoner: "刑满释放人员",
  drug_user: "吸毒人员",
  mental_disorder_risk: "严重精神障碍患者",
  key_youth: "重点青少年",
};

export const VISIT_STATUS: Record<string, string> = { ok: "正常", due: "应走访", overdue: "已逾期" };

export const POST: Record<string, string> = { chief: "网格长", full_time: "专职网格员" };

export const RANKING_KIND: Record<string, string> = {
  grid: "网格",
  worker: "网格员",
  township: "镇街",
  department: "职能部门",
};

/** "2026-12-02T08:00:00Z" as a local date and time (the screens run in Asia/Shanghai). */
export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  return new Date(iso).toLocaleString("zh-CN", { hour12: false });
}

/** This month as the API's period and month parameters: "2026-12". */
export function thisMonth(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}`;
}
