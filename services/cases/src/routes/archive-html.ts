import type { CaseArchive } from "@civicgrid/contracts";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
const esc = (value: unknown): string => String(value ?? "").replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);

/** A printable page of the archive: the case's facts, then every event with its hash link. */
export function archiveHtml(a: CaseArchive): string {
  const k = a.case;
  const facts: [string, unknown][] = [
    ["编号 Case", k.id],
    ["标题 Title", k.title],
    ["状态 Status", k.status],
    ["事项 Category", `${k.categoryCode} ${k.matterName ?? ""}`],
    ["优先级 Priority", k.priority],
    ["网格 Grid", k.gridCode],
    ["县区 County", k.countyCode],
    ["承办 Lead department", k.leadDepartmentId],
    ["处理结果 Outcome", k.outcome],
    ["评价 Rating", k.rating],
    ["上报 Reported", k.createdAt],
    ["办结 Closed", k.closedAt],
  ];
  const rows = a.events
    .map(
      (e) =>
        `<tr><td>${e.version}</td><td>${esc(e.at)}</td><td>${esc(e.type)}</td><td>${esc(e.from)} → ${esc(e.to)}</td><td>${esc(e.actor.role)} ${esc(e.actor.unit)}</td><td><code>${esc(JSON.stringify(e.payload))}</code></td><td><code>${esc(e.hash.slice(0, 16))}</code></td></tr>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>电子档案 ${esc(k.id)}</title>
<style>body{font-family:serif;margin:2em}table{border-collapse:collapse;width:100%}td,th{border:1px solid #444;padding:4px;font-size:12px;vertical-align:top}@media print{a{display:none}}</style></head>
<body><h1>事件电子档案 ${esc(k.id)}</h1>
<table>${facts.map(([label, value]) => `<tr><th>${esc(label)}</th><td>${esc(value)}</td></tr>`).join("")}</table>
<h2>办理记录 History (${a.events.length})</h2>
<table><tr><th>#</th><th>时间</th><th>事件</th><th>状态</th><th>经办</th><th>内容</th><th>hash</th></tr>
${rows}</table>
<p>督办 Supervisions: ${a.supervisions.length}. 导出 Exported ${esc(a.exportedAt)}.</p></body></html>`;
}
