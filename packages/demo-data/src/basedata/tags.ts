/**
 * Care and special-group tags (关爱对象, 特殊人群; Gansu 二(一)2) on a village's people, each with its reason, its
 * source (a department's list, a court decision, the worker's own finding), its start and, for a term, its end.
 * Shares follow national orders of magnitude: ~1% 低保, ~2% certified disabled, ~3% of men veterans, community
 * corrections and drug rehabilitation well under 0.1% (司法部, 国家禁毒委 yearly figures), so a demo village has a
 * handful of special-group people, as a real one does.
 */
import type { TagKindCode } from "@civicgrid/contracts";
import type { Rng } from "../random";
import { daysBefore, later, type BaseContext } from "./context";
import type { LedgerBuilder } from "./ledger";
import type { DemoPerson } from "./people";

export interface DemoTag {
  tagId: string;
  personId: string;
  kind: TagKindCode;
  start: string;
}

interface Rule {
  kind: TagKindCode;
  share: number;
  who: (p: DemoPerson) => boolean;
  reason: (rng: Rng, p: DemoPerson) => string;
  source: string;
  /** Years since the start (drawn up to this), and the term in years when the tag ends by itself. */
  since: number;
  term?: number;
}

const adult = (p: DemoPerson) => p.age >= 18 && p.personType !== "foreign";
const DISABILITY = ["肢体", "视力", "听力", "言语", "智力", "精神"];

const RULES: readonly Rule[] = [
  {
    kind: "elderly_alone",
    share: 1,
    who: (p) => p.shape === "alone_elderly",
    source: "网格员走访核实",
    since: 5,
    reason: (_, p) => `${p.age}岁，独自居住，子女不在身边`,
  },
  {
    kind: "left_behind_child",
    share: 0.8,
    who: (p) => p.shape === "left_behind" && p.age < 16,
    source: "镇(街)未成年人保护工作站名单",
    since: 4,
    reason: () => "父母均在外务工，由祖父母照料",
  },
  {
    kind: "low_income",
    share: 0.02,
    who: (p) => p.personType === "registered" && p.relation === "head",
    source: "区民政局低保名册",
    since: 6,
    reason: () => "家庭月人均收入低于本市最低生活保障标准",
  },
  {
    kind: "extreme_poverty",
    share: 0.08,
    who: (p) => p.shape === "alone_elderly" && p.age >= 70,
    source: "区民政局特困人员名册",
    since: 8,
    reason: () => "无劳动能力、无生活来源、无法定赡养人",
  },
  {
    kind: "disabled",
    share: 0.02,
    who: (p) => p.personType === "registered",
    source: "区残联残疾人证信息",
    since: 15,
    reason: (rng) => `持第二代残疾人证，${rng.pick(DISABILITY)}残疾${rng.pick(["一", "二", "三", "四"])}级`,
  },
  {
    kind: "veteran",
    share: 0.03,
    who: (p) => adult(p) && p.gender === "male" && p.age >= 22,
    since: 20,
    source: "区退役军人事务局信息采集",
    reason: (rng) => `退役士兵，曾服役于${rng.pick(["陆军", "海军", "空军", "武警部队"])}`,
  },
  {
    kind: "community_correction",
    share: 0.0008,
    who: adult,
    source: "区司法局社区矫正决定",
    since: 1,
    term: 2,
    reason: (rng) => `判处有期徒刑${rng.pick(["六个月", "一年", "一年六个月"])}，宣告缓刑二年，依法实行社区矫正`,
  },
  {
    kind: "released_prisoner",
    share: 0.001,
    who: adult,
    source: "区司法局安置帮教名册",
    since: 4,
    term: 5,
    reason: () => "刑满释放，纳入五年安置帮教期",
  },
  {
    kind: "drug_user",
    share: 0.0008,
    who: adult,
    source: "区公安分局禁毒大队",
    since: 2,
    term: 3,
    reason: () => "责令社区康复，期限三年",
  },
  {
    kind: "mental_disorder_risk",
    share: 0.0008,
    who: adult,
    source: "区卫生健康局严重精神障碍信息系统",
    since: 6,
    reason: (rng) => `严重精神障碍患者，危险性评估${rng.pick(["1", "2", "3"])}级，监护人已落实`,
  },
  {
    kind: "key_youth",
    share: 0.001,
    who: (p) => p.age >= 12 && p.age <= 25 && p.personType !== "foreign",
    source: "街道综治中心",
    since: 1,
    reason: () => "辍学闲散，曾结伙滋事，列为重点帮扶对象",
  },
];

/** Whole people for a share of a pool: the integer part, plus one more with the fractional part's chance. */
function howMany(rng: Rng, pool: number, share: number): number {
  const exact = pool * share;
  return Math.floor(exact) + (rng.chance(exact - Math.floor(exact)) ? 1 : 0);
}

/** Tags the village's people (the ledger's tag.add after every person.register); answers the tags. */
export function tagsOf(ctx: BaseContext, rng: Rng, ledger: LedgerBuilder, people: readonly DemoPerson[]): DemoTag[] {
  const out: DemoTag[] = [];
  for (const rule of RULES) {
    const pool = people.filter(rule.who);
    const n = howMany(rng, pool.length, rule.share);
    const chosen = new Set<number>();
    while (chosen.size < Math.min(n, pool.length)) chosen.add(rng.int(0, pool.length - 1));
    for (const i of [...chosen].sort((a, b) => a - b)) {
      const person = pool[i]!;
      // A term started within `since` years (shorter than the term), so it is still running on asOf.
      const start = later(daysBefore(ctx.asOf, rng.int(20, rule.since * 365)), person.birthDate);
      const end = rule.term ? daysBefore(start, -rule.term * 365) : undefined;
      const tagId = ledger.add({
        kind: "tag.add",
        personId: person.personId,
        tagKind: rule.kind,
        reason: rule.reason(rng, person),
        source: rule.source,
        start,
        ...(end ? { end } : {}),
      });
      out.push({ tagId, personId: person.personId, kind: rule.kind, start });
    }
  }
  return out;
}
