import { onLink } from "../../shared/router";
import { countdown, PRIORITY_NAMES, STATUS_NAMES, STEP_NAMES, urgency, when, type CaseSummary } from "./labels";

/** Cases as rows: warned rows yellow, overdue rows red, each with its deadline's countdown and a link to the case. */
export function CaseTable({ items, now, caption }: { items: CaseSummary[]; now: number; caption: string }) {
  if (!items.length) return <p class="muted">没有符合条件的案件。</p>;
  return (
    <div class="table-scroll">
      <table class="cases">
        <caption class="sr-only">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">案件</th>
            <th scope="col">状态</th>
            <th scope="col">环节时限</th>
            <th scope="col">网格</th>
            <th scope="col">紧急程度</th>
            <th scope="col">上报时间</th>
          </tr>
        </thead>
        <tbody>
          {items.map((c) => {
            const u = urgency(c);
            return (
              <tr key={c.id} class={u} data-case={c.id}>
                <td>
                  <a href={`/cases/${encodeURIComponent(c.id)}`} onClick={onLink}>
                    {c.title}
                  </a>
                  <div class="muted small">{c.id}</div>
                </td>
                <td>{STATUS_NAMES[c.status]}</td>
                <td>
                  {c.step ? `${STEP_NAMES[c.step]}：` : ""}
                  {countdown(c.dueAt, now)}
                  {u && <span class={`badge ${u}`}>{u === "overdue" ? "超时" : "预警"}</span>}
                </td>
                <td>{c.gridCode ?? "—"}</td>
                <td>{PRIORITY_NAMES[c.priority]}</td>
                <td>{when(c.createdAt)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
