import { useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText } from "../../shared/problem";
import { useSession } from "../../shared/session";
import "../field/field.css";
import { POST } from "../field/labels";
import { allItems } from "../../shared/all-items";
import { useLoad } from "../field/use-load";

const WORKER_STATUS: Record<string, string> = { active: "在岗", suspended: "暂停", dismissed: "已解聘" };

const loadWorkers = (divisionCode: string) =>
  allItems((cursor) => must(api.GET("/v1/workers", { params: { query: { limit: 100, cursor, divisionCode } } })), 1000);
const loadVacancies = (divisionCode: string) =>
  allItems((cursor) =>
    must(api.GET("/v1/roster/vacancies", { params: { query: { limit: 100, cursor, divisionCode } } })),
  );
const loadShortfall = (divisionCode: string, year: number) =>
  allItems((cursor) =>
    must(api.GET("/v1/roster/training-shortfall", { params: { query: { limit: 100, cursor, divisionCode, year } } })),
  );

/** The grid workforce: workers, grids short of a chief or full-time worker, and who is short of training hours. */
export function StaffPage() {
  const s = useSession();
  const division = s?.user.division ?? "";
  const [year, setYear] = useState(new Date().getFullYear());
  const workers = useLoad(() => loadWorkers(division), [division]);
  const vacancies = useLoad(() => loadVacancies(division), [division]);
  const shortfall = useLoad(() => loadShortfall(division, year), [division, year]);
  return (
    <div>
      <h1>网格员队伍</h1>
      <section class="card" aria-labelledby="vac-h">
        <h2 id="vac-h">岗位空缺{vacancies.data ? `（${vacancies.data.length} 个网格）` : ""}</h2>
        {vacancies.problem && <ProblemText problem={vacancies.problem} />}
        {!vacancies.data && !vacancies.problem && <p aria-busy="true">加载中…</p>}
        {vacancies.data?.length === 0 && <p class="muted">各网格均已配齐网格长和专职网格员。</p>}
        {!!vacancies.data?.length && (
          <ul class="field-list">
            {vacancies.data.map((v) => (
              <li key={v.gridCode} class="warned">
                网格 {v.gridCode}：缺 {v.missing.map((m) => POST[m] ?? m).join("、")}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="card" aria-labelledby="train-h">
        <div class="field-head">
          <h2 id="train-h">培训不足</h2>
          <label>
            年度
            <input
              type="number"
              min={2000}
              max={2100}
              value={year}
              onChange={(e) => {
                const y = Number(e.currentTarget.value);
                if (Number.isInteger(y) && y >= 2000) setYear(y);
              }}
            />
          </label>
        </div>
        {shortfall.problem && <ProblemText problem={shortfall.problem} />}
        {!shortfall.data && !shortfall.problem && <p aria-busy="true">加载中…</p>}
        {shortfall.data?.length === 0 && <p class="muted">{year} 年所有网格员均已完成规定培训。</p>}
        {!!shortfall.data?.length && (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">{year} 年培训不足的网格员</caption>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">所属区划</th>
                  <th scope="col">已培训</th>
                  <th scope="col">应培训</th>
                </tr>
              </thead>
              <tbody>
                {shortfall.data.map((w) => (
                  <tr key={w.workerId} class="warned">
                    <td>{w.name}</td>
                    <td>{w.divisionCode}</td>
                    <td>{w.trainings}</td>
                    <td>{w.required}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="workers-h">
        <h2 id="workers-h">网格员{workers.data ? `（${workers.data.length}）` : ""}</h2>
        {workers.problem && <ProblemText problem={workers.problem} />}
        {!workers.data && !workers.problem && <p aria-busy="true">加载中…</p>}
        {!!workers.data?.length && (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">网格员名册</caption>
              <thead>
                <tr>
                  <th scope="col">姓名</th>
                  <th scope="col">单位</th>
                  <th scope="col">所属区划</th>
                  <th scope="col">工作电话</th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {workers.data.map((w) => (
                  <tr key={w.id}>
                    <td>{w.name}</td>
                    <td>{w.orgUnit}</td>
                    <td>{w.divisionCode}</td>
                    <td>{w.workPhone}</td>
                    <td>{WORKER_STATUS[w.status] ?? w.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
