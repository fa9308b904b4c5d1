import { useRef, useState } from "preact/hooks";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { onLink } from "../../shared/router";
import { casePage } from "../cases/case-list";
import { STATUS_NAMES, STEP_NAMES, type CaseSummary } from "../cases/labels";
import { OVERVIEW_POLL_MS, usePoll } from "../cases/poll";
import { OPEN_STATUSES, when } from "../field/labels";

/**
 * The open cases in the worker's grids (the API scopes the list to them), work orders among them, newest first; read
 * again every half minute while the tab is visible (If-None-Match where the list gave an ETag), and by 刷新.
 */
export function WorkerTasks() {
  const [items, setItems] = useState<CaseSummary[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const etag = useRef<string | null>(null);
  const refresh = usePoll(
    async () => {
      try {
        const got = await casePage({ limit: 100 }, etag.current);
        if (got.page) setItems(got.page.items.filter((c) => OPEN_STATUSES.has(c.status)));
        etag.current = got.etag;
        setProblem(null);
      } catch (e) {
        setProblem(shownProblem(e));
      }
    },
    "",
    OVERVIEW_POLL_MS,
  );
  return (
    <section class="card" aria-labelledby="tasks-h">
      <div class="field-head">
        <h2 id="tasks-h">我的任务与工单</h2>
        <button type="button" onClick={refresh}>
          刷新
        </button>
      </div>
      {problem && <ProblemText problem={problem} />}
      {items === null && !problem && <p aria-busy="true">加载中…</p>}
      {items?.length === 0 && <p class="muted">网格内暂无在办事项。</p>}
      {items && items.length > 0 && (
        <ul class="field-list">
          {items.map((c) => (
            <li key={c.id} class={c.overdue ? "overdue" : c.warned ? "warned" : ""}>
              <a href={`/cases/${c.id}`} onClick={onLink}>
                {c.title}
              </a>
              <span class="muted">
                {STATUS_NAMES[c.status]}
                {c.step ? ` · 待${STEP_NAMES[c.step]}` : ""}
                {c.source === "agency" ? " · 交办工单" : ""}
              </span>
              <span class="muted">
                期限 {when(c.dueAt)}
                {c.overdue ? (
                  <span class="badge overdue">已超期</span>
                ) : c.warned ? (
                  <span class="badge warned">临期</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
