import { z } from "@hono/zod-openapi";

/**
 * Care groups (关爱对象) and special groups (特殊人群) a person can be tagged with. Gansu 二(一)2 names the special
 * groups a grid worker visits: 社区矫正对象, 刑满释放人员, 涉毒人员, 易肇事肇祸精神障碍患者, 问题青少年. Each kind names the
 * department kind that owns it (as roster departments are kinded, e.g. 司法行政), whether it is sensitive personal
 * information (PIPL art. 28: health, criminal records, minors, whereabouts of specific identities), and a default
 * visit rule that a county may change (settings).
 */
export const TagGroup = z.enum(["care", "special"]);

export const VisitEvery = z
  .object({ amount: z.number().int().min(1).max(366), unit: z.enum(["day", "week", "month"]) })
  .openapi("VisitEvery");
export type VisitEvery = z.infer<typeof VisitEvery>;

export const TagKindCode = z.enum([
  "low_income",
  "extreme_poverty",
  "disabled",
  "elderly_alone",
  "left_behind_child",
  "veteran",
  "community_correction",
  "released_prisoner",
  "drug_user",
  "mental_disorder_risk",
  "key_youth",
]);
export type TagKindCode = z.infer<typeof TagKindCode>;

export interface TagKind {
  code: TagKindCode;
  name: string;
  group: z.infer<typeof TagGroup>;
  /** The roster department kind (Department.kind) whose staff may see people with this tag. */
  ownerDepartmentKind: string;
  sensitive: boolean;
  /** How often a grid worker visits someone with this tag unless the county sets otherwise; null: no plan. */
  visitEvery: VisitEvery | null;
}

export const TAG_KINDS: readonly TagKind[] = [
  {
    code: "low_income",
    name: "低保对象",
    group: "care",
    ownerDepartmentKind: "民政",
    sensitive: false,
    visitEvery: { amount: 1, unit: "month" },
  },
  {
    code: "extreme_poverty",
    name: "特困人员",
    group: "care",
    ownerDepartmentKind: "民政",
    sensitive: false,
    visitEvery: { amount: 1, unit: "month" },
  },
  // Disability is health information (PIPL art. 28).
  {
    code: "disabled",
    name: "残疾人",
    group: "care",
    ownerDepartmentKind: "民政",
    sensitive: true,
    visitEvery: { amount: 1, unit: "month" },
  },
  {
    code: "elderly_alone",
    name: "独居老人",
    group: "care",
    ownerDepartmentKind: "民政",
    sensitive: false,
    visitEvery: { amount: 1, unit: "week" },
  },
  // Minors' information is sensitive (PIPL art. 28, 31).
  {
    code: "left_behind_child",
    name: "留守儿童",
    group: "care",
    ownerDepartmentKind: "民政",
    sensitive: true,
    visitEvery: { amount: 1, unit: "month" },
  },
  {
    code: "veteran",
    name: "退役军人",
    group: "care",
    ownerDepartmentKind: "人力资源社会保障",
    sensitive: false,
    visitEvery: null,
  },
  {
    code: "community_correction",
    name: "社区矫正对象",
    group: "special",
    ownerDepartmentKind: "司法行政",
    sensitive: true,
    visitEvery: { amount: 1, unit: "month" },
  },
  {
    code: "released_prisoner",
    name: "刑满释放人员",
    group: "special",
    ownerDepartmentKind: "司法行政",
    sensitive: true,
    visitEvery: { amount: 3, unit: "month" },
  },
  {
    code: "drug_user",
    name: "吸毒人员",
    group: "special",
    ownerDepartmentKind: "公安",
    sensitive: true,
    visitEvery: { amount: 1, unit: "month" },
  },
  {
    code: "mental_disorder_risk",
    name: "易肇事肇祸精神障碍患者",
    group: "special",
    ownerDepartmentKind: "卫生健康",
    sensitive: true,
    visitEvery: { amount: 1, unit: "month" },
  },
  {
    code: "key_youth",
    name: "重点青少年",
    group: "special",
    ownerDepartmentKind: "公安",
    sensitive: true,
    visitEvery: { amount: 1, unit: "month" },
  },
];

export function tagKind(code: TagKindCode): TagKind {
  const kind = TAG_KINDS.find((k) => k.code === code);
  if (!kind) throw new RangeError(`unknown tag kind ${code}`);
  return kind;
}
