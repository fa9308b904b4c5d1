/**
 * Home visits (走访) of the last weeks by the grid's own workers: every tagged person whose tag kind has a visit rule
 * (TAG_KINDS' default; 独居老人 weekly, 社区矫正 monthly …) was visited about on schedule, except about one plan in
 * seven that fell behind and is overdue on `asOf`; plus routine checks of rented houses (出租屋) and key places.
 * Each visit stands at the home's point, inside the grid the worker serves.
 */
import { tagKind, type VisitEvery } from "@civicgrid/contracts";
import type { Rng } from "../random";
import { daysBefore, type BaseContext, type Point } from "./context";
import type { DemoPerson } from "./people";
import type { DemoTag } from "./tags";
import type { DemoVisit, VisitSubject } from "./types";
import type { DemoUnit } from "./units";

/** How far back the demo's visits go. */
const WINDOW_DAYS = 56;
const OVERDUE_SHARE = 0.15;
/** Needs a visit may find, by their cases category (../cases.ts CASE_CATEGORIES). */
const NEEDS: readonly { code: string; title: string; description: string }[] = [
  { code: "0501", title: "生活困难需救助", description: "走访发现家中收入骤减，申请临时救助" },
  { code: "0202", title: "燃气软管老化", description: "走访发现厨房燃气软管老化开裂，需更换" },
  { code: "0201", title: "楼道堆放杂物", description: "走访发现楼道堆放杂物堵塞消防通道" },
  { code: "0101", title: "邻里噪音纠纷", description: "走访中反映与邻居因噪音产生纠纷" },
];
const NOTES = ["身体状况良好，生活能自理", "已了解近况，无异常", "按规定报告近期活动情况", "家属在场，情况稳定"];

export function intervalDays(every: VisitEvery): number {
  return every.amount * { day: 1, week: 7, month: 30 }[every.unit];
}

export interface VisitInput {
  villageCode: string;
  people: readonly DemoPerson[];
  tags: readonly DemoTag[];
  rentedHomes: readonly { houseId: string; gridCode: string; point: Point }[];
  units: readonly DemoUnit[];
}

/** The visits of one village and how many of its plans are overdue on asOf. */
export function visitsOf(ctx: BaseContext, rng: Rng, input: VisitInput): { visits: DemoVisit[]; overdue: number } {
  const byId = new Map(input.people.map((p) => [p.personId, p]));
  const visits: DemoVisit[] = [];
  let overdue = 0;
  const visit = (gridCode: string, point: Point, subject: VisitSubject, tag: DemoTag | null, daysAgo: number) =>
    visits.push(one(ctx, rng, input.villageCode, gridCode, point, subject, tag, daysAgo));
  for (const tag of input.tags) {
    const every = tagKind(tag.kind).visitEvery;
    const person = byId.get(tag.personId);
    if (!every || !person) continue;
    const interval = intervalDays(every);
    const behind = rng.chance(OVERDUE_SHARE);
    if (behind) overdue++;
    const since = Math.floor((Date.parse(ctx.asOf) - Date.parse(tag.start)) / 86_400_000);
    let daysAgo = behind ? interval + rng.int(1, Math.ceil(interval / 2)) : rng.int(1, interval - 1 || 1);
    for (; daysAgo <= Math.min(WINDOW_DAYS, since); daysAgo += interval + rng.int(-1, 1)) {
      visit(person.gridCode, person.point, { kind: "person", id: person.personId }, tag, daysAgo);
    }
  }
  for (const home of input.rentedHomes)
    if (rng.chance(0.3)) visit(home.gridCode, home.point, { kind: "house", id: home.houseId }, null, rng.int(1, 50));
  for (const unit of input.units)
    if (unit.keyPlace || rng.chance(0.2))
      visit(unit.gridCode, unit.site.point, { kind: "unit", id: unit.unitId }, null, rng.int(1, 50));
  visits.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  return { visits, overdue };
}

function one(
  ctx: BaseContext,
  rng: Rng,
  villageCode: string,
  gridCode: string,
  point: Point,
  subject: VisitSubject,
  tag: DemoTag | null,
  daysAgo: number,
): DemoVisit {
  const worker = rng.pick(ctx.workersOf(gridCode));
  // Working hours in Asia/Shanghai (UTC+8): 09:00-17:59 is 01:00-09:59 UTC.
  const at = `${daysBefore(ctx.asOf, daysAgo)}T0${rng.int(1, 9)}:${String(rng.int(0, 59)).padStart(2, "0")}:00.000Z`;
  const met = rng.chance(0.9);
  const need = met && rng.chance(0.04) ? rng.pick(NEEDS) : null;
  return {
    villageCode,
    gridCode,
    workerId: worker.id,
    visitorSub: worker.sub,
    subject,
    tagKind: tag?.kind ?? null,
    at,
    lng: point[0],
    lat: point[1],
    outcome: met ? "met" : "absent",
    note: met ? rng.pick(NOTES) : "上门未遇，已留联系卡",
    needs: need ? [{ title: need.title, description: need.description, categoryCode: need.code }] : [],
  };
}
