import { useState } from "preact/hooks";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { useRoute } from "../../shared/router";
import { useSession } from "../../shared/session";
import { CaseTable } from "../cases/case-table";
import { UnitNames } from "../cases/departments";
import { casePage, type CasePage } from "../cases/case-list";
import { useNow, usePoll } from "../cases/poll";
import "../cases/cases.css";

const TABS = [
  { status: "dispatched", label: "待签收" },
  { status: "signed", label: "办理中" },
  { status: "handled", label: "已办结待核查" },
] as const;

/**
 * 部门待办: the cases dispatched to the user's department, by stage. Each opens on the case page, where signing for,
 * handling with photos and returning with grounds are its buttons.
 */
export function DepartmentPage() {
  const s = useSession();
  const now = useNow();
  const [pages, setPages] = useState<Partial<Record<(typeof TABS)[number]["status"], CasePage>>>({});
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const dept = s?.user.dept;
  const returned = useRoute().query.get("returned");
  usePoll(async () => {
    if (!dept) return;
    try {
      const got = await Promise.all(
        TABS.map((t) =>
          casePage({ department: dept, status: t.status, limit: 50 }, null).then((r) => [t.status, r.page] as const),
        ),
      );
      setPages(Object.fromEntries(got));
      setProblem(null);
    } catch (e) {
      setProblem(shownProblem(e));
    }
  }, dept ?? "");

  return (
    <section>
      <h1>部门待办</h1>
      {dept ? (
        <p>
          本部门：
          <UnitNames ids={[dept]} />
        </p>
      ) : (
        <p>您的账号未关联职能部门。</p>
      )}
      {returned && (
        <p class="status-note" role="status">
          已退单：案件 {returned} 已退回派遣机构裁定。
        </p>
      )}
      {problem && <ProblemText problem={problem} />}
      {TABS.map((t) => (
        <section key={t.status} class="card" aria-labelledby={`dept-${t.status}`}>
          <h2 id={`dept-${t.status}`}>
            {t.label}
            {pages[t.status]
              ? `（${pages[t.status]?.items.length ?? 0}${pages[t.status]?.nextCursor ? "+" : ""}）`
              : ""}
          </h2>
          {pages[t.status] ? (
            <CaseTable items={pages[t.status]?.items ?? []} now={now} caption={t.label} />
          ) : (
            !problem && <p aria-busy="true">加载中…</p>
          )}
        </section>
      ))}
    </section>
  );
}
