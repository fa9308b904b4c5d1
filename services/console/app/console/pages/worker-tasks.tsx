import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { onLink } from "../../shared/router";
import { STATUS_NAMES, STEP_NAMES } from "../cases/labels";
import { OPEN_STATUSES, when } from "../field/labels";

type Summary = Awaited<ReturnType<typeof loadTasks>>[number];

/** The open cases in the worker's grids (the API scopes the list to them), work orders among them, newest first. */
async function loadTasks() {
  const page = await must(api.GET("/v1/cases", { params: { query: { limit: 100 } } }));
  return page.items.filter((c) => OPEN_STATUSES.has(c.status));
}

export function WorkerTasks() {
  const [items, setItems] = useState<Summary[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const refresh = () => {
    setProblem(null);
    loadTasks().then(setItems, (e: unknown) => setProblem(shownProblem(e)));
  };
  useEffect(refresh, []);
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
