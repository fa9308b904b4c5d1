import { api, must } from "../../shared/api";
import { ProblemText } from "../../shared/problem";
import "../field/field.css";
import { GRID_STATUS, GRID_TYPE, LAYOUT_STATUS, when } from "../field/labels";
import { allItems } from "../../shared/all-items";
import { useLoad } from "../field/use-load";

const loadLayouts = () =>
  allItems((cursor) => must(api.GET("/v1/layouts", { params: { query: { limit: 100, cursor } } })), 500);
const loadGrids = () => allItems((cursor) => must(api.GET("/v1/grids", { params: { query: { limit: 100, cursor } } })));

/** The jurisdiction's grid layouts and their filing (备案) status, and the grids in force with their layout. */
export function GridsPage() {
  const layouts = useLoad(loadLayouts, []);
  const grids = useLoad(loadGrids, []);
  const layoutOf = new Map(layouts.data?.map((l) => [l.id, l]) ?? []);
  return (
    <div>
      <h1>网格与备案</h1>
      <section class="card" aria-labelledby="layouts-h">
        <h2 id="layouts-h">网格划分方案备案</h2>
        {layouts.problem && <ProblemText problem={layouts.problem} />}
        {!layouts.data && !layouts.problem && <p aria-busy="true">加载中…</p>}
        {layouts.data?.length === 0 && <p class="muted">暂无网格划分方案。</p>}
        {!!layouts.data?.length && (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">网格划分方案及备案状态</caption>
              <thead>
                <tr>
                  <th scope="col">方案</th>
                  <th scope="col">县（区）</th>
                  <th scope="col">备案状态</th>
                  <th scope="col">生效日期</th>
                  <th scope="col">报备时间</th>
                  <th scope="col">审核时间</th>
                  <th scope="col">退回理由</th>
                </tr>
              </thead>
              <tbody>
                {layouts.data.map((l) => (
                  <tr key={l.id} class={l.status === "returned" ? "warned" : ""}>
                    <td>
                      {l.id}（第 {l.number} 版）{l.note ? <div class="muted">{l.note}</div> : null}
                    </td>
                    <td>{l.countyCode}</td>
                    <td>{LAYOUT_STATUS[l.status] ?? l.status}</td>
                    <td>{l.effectiveDate ?? "—"}</td>
                    <td>{when(l.submittedAt)}</td>
                    <td>{when(l.reviewedAt)}</td>
                    <td>{l.reviewReasons.join("；") || "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      <section class="card" aria-labelledby="grids-h">
        <h2 id="grids-h">现行网格{grids.data ? `（${grids.data.length}）` : ""}</h2>
        {grids.problem && <ProblemText problem={grids.problem} />}
        {!grids.data && !grids.problem && <p aria-busy="true">加载中…</p>}
        {!!grids.data?.length && (
          <div class="table-wrap">
            <table>
              <caption class="sr-only">现行网格清单</caption>
              <thead>
                <tr>
                  <th scope="col">编码</th>
                  <th scope="col">名称</th>
                  <th scope="col">类型</th>
                  <th scope="col">户数</th>
                  <th scope="col">人口</th>
                  <th scope="col">状态</th>
                  <th scope="col">生效自</th>
                  <th scope="col">所属方案（备案）</th>
                </tr>
              </thead>
              <tbody>
                {grids.data.map((g) => {
                  const layout = layoutOf.get(g.layoutId);
                  return (
                    <tr key={g.code}>
                      <td>{g.code}</td>
                      <td>
                        {g.name}
                        {g.unit ? <div class="muted">{g.unit.name}</div> : null}
                      </td>
                      <td>{GRID_TYPE[g.type] ?? g.type}</td>
                      <td>{g.households}</td>
                      <td>{g.population}</td>
                      <td>{GRID_STATUS[g.status] ?? g.status}</td>
                      <td>{g.validFrom ?? "—"}</td>
                      <td>
                        {g.layoutId}
                        {layout ? `（${LAYOUT_STATUS[layout.status] ?? layout.status}）` : ""}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
