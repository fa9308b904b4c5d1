import { useRef, useState } from "preact/hooks";
import { useCursors } from "../../shared/pager";
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
type Status = (typeof TABS)[number]["status"];

/** Cases a page of one stage shows; 下一页 reads on by the list's cursor. */
const PAGE = 50;

/** One stage of the unit's cases: its own page and cursor, read again with its ETag (304 while unchanged). */
function Stage({ dept, status, label, now }: { dept: string; status: Status; label: string; now: number }) {
  const { cursor, pager } = useCursors();
  const [page, setPage] = useState<CasePage | null>(null);
  const etag = useRef<string | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  usePoll(
    async () => {
      try {
        const got = await casePage({ department: dept, status, limit: PAGE, cursor }, etag.current);
        if (got.page) setPage(got.page);
        etag.current = got.etag;
        setProblem(null);
      } catch (e) {
        setProblem(shownProblem(e));
      }
    },
    `${dept}/${status}/${cursor ?? ""}`,
  );
  return (
    <section class="card" aria-labelledby={`dept-${status}`}>
      <h2 id={`dept-${status}`}>
        {label}
        {page ? `（${page.items.length}${page.nextCursor ? "+" : ""}）` : ""}
      </h2>
      {problem && <ProblemText problem={problem} />}
      {page ? (
        <>
          <CaseTable items={page.items} now={now} caption={label} />
          {(page.nextCursor || cursor) && pager(page.nextCursor)}
        </>
      ) : (
        !problem && <p aria-busy="true">加载中…</p>
      )}
    </section>
  );
}

/**
 * 部门待办: the cases dispatched to the user's department, by stage, each paged and refreshed on its own. Each case
 * opens on the case page, where signing for, handling with photos and returning with grounds are its buttons.
 */
export function DepartmentPage() {
  const s = useSession();
  const now = useNow();
  const dept = s?.user.dept;
  const returned = useRoute().query.get("returned");
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
      {dept && TABS.map((t) => <Stage key={t.status} dept={dept} status={t.status} label={t.label} now={now} />)}
    </section>
  );
}
