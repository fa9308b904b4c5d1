import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { ChartBox } from "../field/chart-box";

type Report = Awaited<ReturnType<typeof loadReport>>;
const loadReport = (divisionCode: string, month: string) =>
  must(api.GET("/v1/reports/monthly", { params: { query: { divisionCode, month } } }));

/** The monthly report (月报) of a division: cases by day and by category against last month, and where they were. */
export function MonthlyReportView({ divisionCode, month }: { divisionCode: string; month: string }) {
  const [report, setReport] = useState<Report | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    setReport(null);
    setProblem(null);
    loadReport(divisionCode, month).then(setReport, (e: unknown) => setProblem(shownProblem(e)));
  }, [divisionCode, month]);
  return (
    <section class="card" aria-labelledby="report-h">
      <h2 id="report-h">月度报告（{month}）</h2>
      {problem && <ProblemText problem={problem} />}
      {!report && !problem && <p aria-busy="true">加载中…</p>}
      {report && (
        <>
          <p>
            本月共受理案件 <strong>{report.totalCases}</strong> 件
            {report.previousMonths.length
              ? `；此前各月：${report.previousMonths.map((m) => `${m.month} ${m.count} 件`).join("，")}`
              : ""}
            。
          </p>
          <div class="charts">
            <div>
              <ChartBox
                label="每日案件数"
                categories={report.daily.map((d) => d.day.slice(5))}
                series={[{ name: "案件数", type: "line", values: report.daily.map((d) => d.count) }]}
              />
            </div>
            <div>
              <ChartBox
                label="按类别案件数（与上月对比）"
                categories={report.byCategory.map((c) => c.key)}
                series={[
                  { name: "本月", type: "bar", values: report.byCategory.map((c) => c.count) },
                  { name: "上月", type: "bar", values: report.byCategory.map((c) => c.previous) },
                ]}
              />
            </div>
          </div>
          <div class="charts">
            <Counts
              caption="按类别"
              rows={report.byCategory}
              extra={(r) => ("previous" in r ? String(r.previous) : "")}
            />
            <Counts caption="案件最多的网格" rows={report.topGrids} />
            <Counts caption="按来源" rows={report.bySource} />
            <Counts caption="超期最多的部门" rows={report.topOverdueDepartments} />
          </div>
          {report.earlyWarnings.length > 0 && (
            <>
              <h3>异常预警</h3>
              <ul>
                {report.earlyWarnings.map((w) => (
                  <li key={`${w.categoryCode}-${w.areaCode}`}>
                    {w.areaCode} 的 {w.categoryCode} 类：{w.count} 件，为近期均值的 {w.ratio.toFixed(1)} 倍
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}

function Counts<R extends { key: string; count: number }>({
  caption,
  rows,
  extra,
}: {
  caption: string;
  rows: R[];
  extra?: (r: R) => string;
}) {
  return (
    <div class="table-wrap">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">项目</th>
            <th scope="col">件数</th>
            {extra && <th scope="col">上月</th>}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={extra ? 3 : 2} class="muted">
                无
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key}>
              <td>{r.key}</td>
              <td>{r.count}</td>
              {extra && <td>{extra(r)}</td>}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
