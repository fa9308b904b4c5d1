import {
  INDICATOR_FORMULAS,
  type DisputeFigures,
  type IndicatorValues,
  type MonthlyReport,
} from "@civicgrid/contracts";

/** The monthly report as one printable HTML page: inline SVG charts, inline CSS, no external assets. */
const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

export function barChart(title: string, rows: { key: string; count: number }[], width = 640): string {
  const barH = 18;
  const labelW = 140;
  const max = Math.max(1, ...rows.map((r) => r.count));
  const height = rows.length * (barH + 6) + 30;
  const bars = rows
    .map((r, i) => {
      const y = 24 + i * (barH + 6);
      const w = Math.round(((width - labelW - 60) * r.count) / max);
      return `<text x="${labelW - 6}" y="${y + 13}" text-anchor="end">${esc(r.key)}</text><rect x="${labelW}" y="${y}" width="${w}" height="${barH}" fill="#2f6db3"/><text x="${labelW + w + 4}" y="${y + 13}">${r.count}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${height}" font-size="12"><text x="0" y="14" font-weight="bold">${esc(title)}</text>${bars}</svg>`;
}

export function lineChart(
  title: string,
  points: { label: string; count: number }[],
  width = 640,
  height = 200,
): string {
  const pad = 30;
  const max = Math.max(1, ...points.map((p) => p.count));
  const step = points.length > 1 ? (width - 2 * pad) / (points.length - 1) : 0;
  const xy = points.map((p, i) => [pad + i * step, height - pad - ((height - 2 * pad) * p.count) / max] as const);
  const path = xy.map(([x, y], i) => `${i === 0 ? "M" : "L"}${x.toFixed(1)},${y.toFixed(1)}`).join(" ");
  const first = points[0]?.label ?? "";
  const last = points[points.length - 1]?.label ?? "";
  return `<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="${esc(title)}" width="${width}" height="${height}" font-size="12"><text x="0" y="14" font-weight="bold">${esc(title)}</text><line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#999"/><text x="4" y="${pad + 4}">${max}</text><path d="${path}" fill="none" stroke="#c0392b" stroke-width="2"/><text x="${pad}" y="${height - 8}">${esc(first)}</text><text x="${width - pad}" y="${height - 8}" text-anchor="end">${esc(last)}</text></svg>`;
}

const table = (head: string[], rows: (string | number)[][]) =>
  `<table><thead><tr>${head.map((h) => `<th>${esc(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((v) => `<td>${esc(v)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;

/** The six dispute figures in the order of the issue (Jiangmen 第十一条(四), Gansu 二(一)1, Wuxi 第四十二条–第四十七条). */
const DISPUTE_HEAD = ["排查发现", "当场化解", "调解成功", "分流", "回访履行", "重大风险"];
const disputeCells = (f: DisputeFigures) => [
  f.found,
  f.mediatedOnSite,
  f.mediated,
  f.diverted,
  f.agreementsKept,
  f.majorRisk,
];

function disputesHtml(d: MonthlyReport["disputes"]): string {
  if (!d) return "";
  const mediators = d.byMediator.length
    ? table(
        ["调解员", "类别", ...DISPUTE_HEAD],
        d.byMediator.map((m) => [m.key, m.mediatorKind ?? "", ...disputeCells(m.figures)]),
      )
    : "<p>本月无调解员经办的纠纷。</p>";
  return `<section><h2>矛盾纠纷排查化解</h2>${table(
    ["范围", ...DISPUTE_HEAD],
    [["合计", ...disputeCells(d.total)], ...d.byArea.map((a) => [a.key, ...disputeCells(a.figures)])],
  )}<h3>调解员</h3>${mediators}</section>`;
}

/** A figure as printed: a rate in percent with its counts, a count as itself, a blank when nothing was measured. */
const figure = (v: IndicatorValues[keyof IndicatorValues]) =>
  v.denominator === null
    ? String(v.numerator)
    : v.value === null
      ? "—"
      : `${v.value}% (${v.numerator}/${v.denominator})`;

function indicatorsHtml(i: MonthlyReport["indicators"]): string {
  if (!i) return "";
  const head = ["范围", ...INDICATOR_FORMULAS.map((f) => f.nameZh)];
  const cells = (v: IndicatorValues) => INDICATOR_FORMULAS.map((f) => figure(v[f.key]));
  return `<section><h2>三率与主要指标</h2>${table(head, [
    ["合计", ...cells(i.total)],
    ...i.byDepartment.map((d) => [d.subjectId, ...cells(d.indicators)]),
  ])}<p>计算公式见 /v1/assessments/indicators/formulas。</p></section>`;
}

export function reportHtml(r: MonthlyReport): string {
  const c = r.collection;
  const collection = c
    ? `<section><h2>基础信息采集与走访</h2>${table(["走访", "采集核准"], [[c.visits, c.collectionApproved]])}</section>`
    : "";
  const warnings = r.earlyWarnings.length
    ? table(
        ["类别", "区域", "本月", "前三月月均", "倍数"],
        r.earlyWarnings.map((w) => [w.categoryCode, w.areaCode, w.count, w.trailingAverage, w.ratio]),
      )
    : "<p>本月无预警信号。</p>";
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(r.divisionCode)} ${esc(r.month)} 月分析</title>
<style>body{font-family:sans-serif;margin:2em;color:#222}h1{font-size:20px}h2{font-size:16px;margin-top:1.5em}table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #bbb;padding:3px 8px;text-align:left}@media print{section{break-inside:avoid}}</style>
</head><body>
<h1>${esc(r.divisionCode)} ${esc(r.month)} 网格事件月分析</h1>
<p>本月新增事件 ${r.totalCases} 件；前三月：${r.previousMonths.map((m) => `${esc(m.month)} ${m.count} 件`).join("，")}。</p>
<section><h2>每日新增</h2>${lineChart(
    "每日新增事件",
    r.daily.map((d) => ({ label: d.day, count: d.count })),
  )}</section>
<section><h2>按类别</h2>${barChart("按类别（本月）", r.byCategory.slice(0, 15))}${table(
    ["类别", "本月", "上月"],
    r.byCategory.map((c) => [c.key, c.count, c.previous]),
  )}</section>
<section><h2>按区域</h2>${barChart("按区域", r.byArea.slice(0, 20))}</section>
<section><h2>按来源</h2>${barChart("按来源", r.bySource)}</section>
<section><h2>事件最多的网格</h2>${table(
    ["网格", "件数"],
    r.topGrids.map((g) => [g.key, g.count]),
  )}</section>
<section><h2>超期最多的部门</h2>${table(
    ["部门", "超期"],
    r.topOverdueDepartments.map((d) => [d.key, d.count]),
  )}</section>
<section><h2>预警信号</h2>${warnings}</section>
${collection}
${disputesHtml(r.disputes)}
${indicatorsHtml(r.indicators)}
</body></html>`;
}
