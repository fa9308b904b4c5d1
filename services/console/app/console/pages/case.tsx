import { useState } from "preact/hooks";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { navigate, onLink } from "../../shared/router";
import { useSession } from "../../shared/session";
import { readCase } from "../cases/case-read";
import { UnitNames } from "../cases/departments";
import { CommandPanel } from "../cases/forms";
import {
  countdown,
  GROUND_NAMES,
  PRIORITY_NAMES,
  STATUS_NAMES,
  STEP_NAMES,
  urgency,
  when,
  type Case,
} from "../cases/labels";
import { Photos } from "../cases/media";
import { useNow, usePoll } from "../cases/poll";
import { Timeline } from "../cases/timeline";
import "../cases/cases.css";

/** 案件详情: the case, the commands allowed now with their forms, its photos and its history, kept current by polling. */
export function CasePage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? "";
  const s = useSession();
  const now = useNow();
  const [c, setCase] = useState<Case | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  usePoll(async () => {
    try {
      const next = await readCase(id, c);
      if (next) setCase(next);
      setProblem(null);
    } catch (e) {
      setProblem(shownProblem(e));
    }
  }, id);

  if (!s) return null;
  const dept = s.user.dept;
  // A department's return hands the case back: it is no longer the department's to read, so go back to its list.
  const done = (next: Case) => {
    const stillOurs = !dept || next.leadDepartmentId === dept || next.assistingDepartmentIds.includes(dept);
    if (s.user.roles.includes("department") && !stillOurs)
      navigate(`/department?returned=${encodeURIComponent(next.id)}`);
    else setCase(next);
  };
  if (!c)
    return (
      <section>
        <h1>案件详情</h1>
        {problem ? <ProblemText problem={problem} /> : <p aria-busy="true">加载中…</p>}
      </section>
    );
  const u = urgency(c);
  return (
    <section>
      <p>
        <a href={s.user.roles.includes("department") ? "/department" : "/cases"} onClick={onLink}>
          ← 返回案件列表
        </a>
      </p>
      <h1>{c.title}</h1>
      <p>
        <span class="badge" data-status={c.status}>
          {STATUS_NAMES[c.status]}
        </span>{" "}
        {u && <span class={`badge ${u}`}>{u === "overdue" ? "超时" : "预警"}</span>}{" "}
        {c.step && (
          <span>
            {STEP_NAMES[c.step]}时限：{countdown(c.dueAt, now)}
          </span>
        )}
      </p>
      {problem && <ProblemText problem={problem} />}
      <div class="case-grid">
        <div>
          <CommandPanel c={c} onDone={done} />
          <section class="card" aria-labelledby="facts-h">
            <h2 id="facts-h">案件信息</h2>
            <dl class="facts">
              <dt>编号</dt>
              <dd>{c.id}</dd>
              <dt>描述</dt>
              <dd>{c.description}</dd>
              <dt>事项</dt>
              <dd>
                {c.categoryCode}
                {c.matterName ? ` ${c.matterName}` : ""}
              </dd>
              <dt>紧急程度</dt>
              <dd>{PRIORITY_NAMES[c.priority]}</dd>
              <dt>网格</dt>
              <dd>{c.gridCode ?? "—"}</dd>
              <dt>地点</dt>
              <dd>
                {c.location
                  ? (c.location.address ?? `${c.location.lng.toFixed(5)}, ${c.location.lat.toFixed(5)}`)
                  : "—"}
              </dd>
              <dt>主办部门</dt>
              <dd>{c.leadDepartmentId ? <UnitNames ids={[c.leadDepartmentId]} /> : "—"}</dd>
              {c.assistingDepartmentIds.length > 0 && (
                <>
                  <dt>协办部门</dt>
                  <dd>
                    <UnitNames ids={c.assistingDepartmentIds} />
                  </dd>
                </>
              )}
              {c.returnClaim && (
                <>
                  <dt>退单</dt>
                  <dd>
                    {GROUND_NAMES[c.returnClaim.ground]}：{c.returnClaim.reason}（
                    {c.returnClaim.status === "pending"
                      ? "待裁定"
                      : c.returnClaim.status === "upheld"
                        ? "成立"
                        : "不成立"}
                    ）
                  </dd>
                </>
              )}
              {c.outcome && (
                <>
                  <dt>处置结果</dt>
                  <dd>{c.outcome}</dd>
                </>
              )}
              <dt>退单/重办/上报</dt>
              <dd>
                {c.returns} / {c.reworks} / {c.escalations}
              </dd>
              <dt>上报时间</dt>
              <dd>{when(c.createdAt)}</dd>
              <dt>结案时间</dt>
              <dd>{when(c.closedAt)}</dd>
            </dl>
          </section>
          <Photos caseId={c.id} refresh={String(c.version)} />
        </div>
        <Timeline c={c} />
      </div>
    </section>
  );
}
