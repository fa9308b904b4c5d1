import type { components } from "@civicgrid/client";
import { useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { useCursors } from "../../shared/pager";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { onLink } from "../../shared/router";
import { UnitNames } from "../cases/departments";
import { STEP_NAMES, when } from "../cases/labels";
import { usePoll } from "../cases/poll";
import "../cases/cases.css";

type Supervision = components["schemas"]["Supervision"];

/** 督办: the supervision records of late cases (an agency sees its subtree's, a department those against it). */
export function SupervisionPage() {
  const { cursor, pager } = useCursors();
  const [page, setPage] = useState<{ items: Supervision[]; nextCursor: string | null } | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  usePoll(async () => {
    try {
      setPage(await must(api.GET("/v1/supervisions", { params: { query: { limit: 50, cursor } } })));
      setProblem(null);
    } catch (e) {
      setProblem(shownProblem(e));
    }
  }, String(cursor));

  return (
    <section>
      <h1>督办</h1>
      {problem && <ProblemText problem={problem} />}
      {page && !page.items.length && <p class="muted">暂无督办记录。</p>}
      {page && page.items.length > 0 && (
        <div class="table-scroll">
          <table>
            <caption class="sr-only">督办记录</caption>
            <thead>
              <tr>
                <th scope="col">案件</th>
                <th scope="col">超时环节</th>
                <th scope="col">责任单位</th>
                <th scope="col">环节时限</th>
                <th scope="col">督办时间</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((s) => (
                <tr key={s.id} class="overdue">
                  <td>
                    <a href={`/cases/${encodeURIComponent(s.caseId)}`} onClick={onLink}>
                      {s.caseId}
                    </a>
                  </td>
                  <td>{STEP_NAMES[s.step]}</td>
                  <td>
                    <UnitNames ids={[s.responsibleUnit]} />
                  </td>
                  <td>{when(s.dueAt)}</td>
                  <td>{when(s.createdAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {page && pager(page.nextCursor)}
      {!page && !problem && <p aria-busy="true">加载中…</p>}
    </section>
  );
}
