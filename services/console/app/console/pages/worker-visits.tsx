import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { useSession } from "../../shared/session";
import { TAG_KIND, VISIT_STATUS } from "../field/labels";

type Plan = Awaited<ReturnType<typeof planOf>>;
const planOf = (gridCode: string) => must(api.GET("/v1/basedata/visit-plan", { params: { query: { gridCode } } }));

/** The plan of each of the worker's grids, as one (the API plans one grid or one village at a time). */
async function loadPlan(grids: string[]): Promise<Plan> {
  const plans = await Promise.all(grids.map(planOf));
  return {
    on: plans[0]?.on ?? new Date().toISOString().slice(0, 10),
    counts: plans.flatMap((p) => p.counts),
    entries: plans.flatMap((p) => p.entries),
  };
}

/** The people in the worker's grids who are due a visit (base data: tags and how often each must be visited). */
export function WorkerVisits() {
  const grids = useSession()?.user.grids ?? [];
  const [plan, setPlan] = useState<Plan | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => void loadPlan(grids).then(setPlan, (e: unknown) => setProblem(shownProblem(e))), [grids.join()]);
  const todo = plan?.entries.filter((e) => e.status !== "ok") ?? [];
  return (
    <section class="card" aria-labelledby="visits-h">
      <h2 id="visits-h">走访计划</h2>
      {problem && <ProblemText problem={problem} />}
      {!plan && !problem && <p aria-busy="true">加载中…</p>}
      {plan && (
        <p class="muted">
          截至 {plan.on}：应走访 {plan.entries.filter((e) => e.status === "due").length} 人，逾期{" "}
          {plan.entries.filter((e) => e.status === "overdue").length} 人，共 {plan.entries.length} 人在册。
        </p>
      )}
      {plan && todo.length === 0 && <p class="muted">暂无待走访对象。</p>}
      {todo.length > 0 && (
        <ul class="field-list">
          {todo.map((e) => (
            <li key={`${e.personId}-${e.tagKind}`} class={e.status === "overdue" ? "overdue" : "warned"}>
              <strong>{e.name}</strong>
              <span class="muted">
                {TAG_KIND[e.tagKind] ?? e.tagKind} · 网格 {e.gridCode}
              </span>
              <span class="muted">
                上次走访 {e.lastVisitOn ?? "无"}，应于 {e.dueOn} 前 · {VISIT_STATUS[e.status]}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
