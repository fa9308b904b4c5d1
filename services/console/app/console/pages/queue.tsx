import { useState } from "preact/hooks";
import { useCursors } from "../../shared/pager";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { CaseTable } from "../cases/case-table";
import { casePage, type CasePage, type CaseQuery } from "../cases/case-list";
import { useDepartments } from "../cases/departments";
import { STATUS_NAMES, type CaseStatus } from "../cases/labels";
import { useNow, usePoll } from "../cases/poll";
import "../cases/cases.css";

const PAGE = 20;

/** 案件队列: the cases of the jurisdiction, filtered and searched, a page at a time, following changes as they come. */
export function QueuePage() {
  const [status, setStatus] = useState<CaseStatus | "">("");
  const [grid, setGrid] = useState("");
  const [department, setDepartment] = useState("");
  const [deadline, setDeadline] = useState<"" | "warned" | "overdue">("");
  const [q, setQ] = useState("");
  const [applied, setApplied] = useState<CaseQuery>({ limit: PAGE });
  const { cursor, reset, pager } = useCursors();
  const [page, setPage] = useState<CasePage | null>(null);
  const [etag, setEtag] = useState<string | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const { departments, problem: deptProblem } = useDepartments();
  const now = useNow();
  const key = JSON.stringify([applied, cursor]);

  usePoll(async () => {
    try {
      const got = await casePage({ ...applied, cursor }, etag);
      if (got.page) setPage(got.page);
      setEtag(got.etag);
      setProblem(null);
    } catch (e) {
      setProblem(shownProblem(e));
    }
  }, key);

  const search = (e: Event) => {
    e.preventDefault();
    const query: CaseQuery = { limit: PAGE };
    if (status) query.status = status;
    if (grid.trim()) query.grid = grid.trim();
    if (department) query.department = department;
    if (deadline === "warned") query.warned = "true";
    if (deadline === "overdue") query.overdue = "true";
    if (q.trim()) query.q = q.trim();
    setEtag(null);
    reset();
    setApplied(query);
  };

  return (
    <section>
      <h1>案件队列</h1>
      <form class="toolbar card" onSubmit={search} aria-label="筛选案件">
        <label>
          状态
          <select value={status} onChange={(e) => setStatus(e.currentTarget.value as CaseStatus | "")}>
            <option value="">全部</option>
            {(Object.keys(STATUS_NAMES) as CaseStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_NAMES[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          网格编码
          <input
            value={grid}
            inputMode="numeric"
            pattern="\d{15}"
            placeholder="15 位网格编码"
            onInput={(e) => setGrid(e.currentTarget.value)}
          />
        </label>
        <label>
          责任部门
          <select value={department} onChange={(e) => setDepartment(e.currentTarget.value)}>
            <option value="">全部</option>
            {departments?.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          时限
          <select value={deadline} onChange={(e) => setDeadline(e.currentTarget.value as "" | "warned" | "overdue")}>
            <option value="">全部</option>
            <option value="warned">已预警</option>
            <option value="overdue">已超时</option>
          </select>
        </label>
        <label>
          搜索
          <input type="search" value={q} placeholder="标题、描述" onInput={(e) => setQ(e.currentTarget.value)} />
        </label>
        <button type="submit" class="primary">
          查询
        </button>
      </form>
      {deptProblem && <ProblemText problem={deptProblem} />}
      {problem && <ProblemText problem={problem} />}
      {page ? (
        <>
          <CaseTable items={page.items} now={now} caption="案件队列" />
          {pager(page.nextCursor, "（每 10 秒自动刷新）")}
        </>
      ) : (
        !problem && <p aria-busy="true">加载中…</p>
      )}
    </section>
  );
}
