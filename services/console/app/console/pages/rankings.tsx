import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { useSession } from "../../shared/session";
import { ChartBox } from "../field/chart-box";
import "../field/field.css";
import { RANKING_KIND, thisMonth } from "../field/labels";
import { subjectNames, type RankingKind as Kind } from "../field/subject-names";
import { MonthlyReportView } from "./rankings-report";

type Row = Awaited<ReturnType<typeof loadRankings>>[number];

const loadRankings = async (kind: Kind, period: string, divisionCode: string) =>
  (await must(api.GET("/v1/rankings", { params: { query: { kind, period, divisionCode, limit: 50 } } }))).items;

/** Rankings (考核排名) of a month, as a chart and a table, and the month's report below. */
export function RankingsPage() {
  const s = useSession();
  const [kind, setKind] = useState<Kind>("grid");
  const [period, setPeriod] = useState(thisMonth());
  const [rows, setRows] = useState<Row[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const division = s?.user.division ?? "";
  // Names are a nicety over the ids: until they come, or if the user may not list that kind, the id is shown.
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [namesProblem, setNamesProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    let live = true;
    setNames(new Map());
    setNamesProblem(null);
    if (division)
      subjectNames(kind, division).then(
        (n) => live && setNames(n),
        (e: unknown) => live && setNamesProblem(shownProblem(e)),
      );
    return () => void (live = false);
  }, [kind, division]);
  const nameOf = (id: string) => names.get(id) ?? id;

  const load = () => {
    setProblem(null);
    setRows(null);
    loadRankings(kind, period, division).then(setRows, (e: unknown) => setProblem(shownProblem(e)));
  };
  useEffect(load, [kind, period, division]);

  const recompute = async () => {
    setProblem(null);
    setBusy(true);
    try {
      const done = await must(api.POST("/v1/assessments/recompute", { body: { kind: "month", period } }));
      const expected = done.rankings.find((r) => r.kind === kind && r.period === period)?.subjects ?? 0;
      // The rankings are written behind the answer: read again until this kind's rows are there (about 20 s at most).
      let fresh = await loadRankings(kind, period, division);
      for (let i = 0; i < 10 && expected > 0 && fresh.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 2000));
        fresh = await loadRankings(kind, period, division);
      }
      setRows(fresh);
    } catch (e) {
      setProblem(shownProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const top = rows?.slice(0, 20) ?? [];
  return (
    <div class="rankings">
      <h1>考核排名与月报</h1>
      <div class="toolbar">
        <label>
          排名对象
          <select value={kind} onChange={(e) => setKind(e.currentTarget.value as Kind)}>
            {Object.entries(RANKING_KIND).map(([k, name]) => (
              <option key={k} value={k}>
                {name}
              </option>
            ))}
          </select>
        </label>
        <label>
          月份
          <input
            type="month"
            required
            value={period}
            onChange={(e) => e.currentTarget.value && setPeriod(e.currentTarget.value)}
          />
        </label>
        <button type="button" onClick={() => void recompute()} disabled={busy}>
          {busy ? "计算中…" : "重新计算本月排名"}
        </button>
      </div>
      {problem && <ProblemText problem={problem} />}
      <section class="card" aria-labelledby="rank-h">
        <h2 id="rank-h">
          {RANKING_KIND[kind]}排名（{period}）
        </h2>
        {rows === null && !problem && <p aria-busy="true">加载中…</p>}
        {rows?.length === 0 && <p class="muted">本期尚无排名，可点击“重新计算本月排名”。</p>}
        {namesProblem && (
          <p class="muted" role="status">
            未能读取{RANKING_KIND[kind]}名称，以下显示编号：{namesProblem.detail ?? namesProblem.title}
          </p>
        )}
        {top.length > 0 && (
          <>
            <ChartBox
              label={`${RANKING_KIND[kind]}排名得分图`}
              categories={top.map((r) => nameOf(r.subjectId))}
              series={[{ name: "得分", type: "bar", values: top.map((r) => r.score) }]}
              horizontal
            />
            <div class="table-wrap">
              <table>
                <caption class="sr-only">{RANKING_KIND[kind]}排名得分表</caption>
                <thead>
                  <tr>
                    <th scope="col">名次</th>
                    <th scope="col">对象</th>
                    <th scope="col">所属区划</th>
                    <th scope="col">得分</th>
                  </tr>
                </thead>
                <tbody>
                  {rows?.map((r) => (
                    <tr key={r.subjectId}>
                      <td>{r.rank}</td>
                      <td>
                        {nameOf(r.subjectId)}
                        {names.has(r.subjectId) && <span class="muted"> {r.subjectId}</span>}
                      </td>
                      <td>{r.divisionCode}</td>
                      <td>{r.score.toFixed(1)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>
      <MonthlyReportView divisionCode={division} month={period} />
    </div>
  );
}
