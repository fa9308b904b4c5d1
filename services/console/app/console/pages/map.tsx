import { useEffect, useRef, useState } from "preact/hooks";
import { config } from "../../shared/config";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { navigate, onLink } from "../../shared/router";
import "../field/field.css";
import { STATUS_NAMES } from "../cases/labels";
import type { GridMap } from "../field/grid-map";
import { loadGrids, loadOpenCases, newCaseMemo, type CaseLayer, type GridLayer, type MapData } from "../field/map-data";
import { OVERVIEW_POLL_MS, usePoll } from "../cases/poll";

/**
 * 一张图: the jurisdiction's grids and open cases on a map (MapLibre GL, loaded on this page only), with the same
 * GeoJSON as lists beside it, so that keyboards and screen readers reach every grid and case too. The grids are read
 * once; the open cases every half minute while the tab is visible, and the map's points follow without a redraw.
 */
export function MapPage() {
  const box = useRef<HTMLDivElement>(null);
  const drawnMap = useRef<GridMap | null>(null);
  const memo = useRef(newCaseMemo());
  const [gridLayer, setGridLayer] = useState<GridLayer | null>(null);
  const [caseLayer, setCaseLayer] = useState<CaseLayer | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [casesProblem, setCasesProblem] = useState<ShownProblem | null>(null);

  useEffect(() => void loadGrids().then(setGridLayer, (e: unknown) => setProblem(shownProblem(e))), []);
  usePoll(
    async () => {
      try {
        const next = await loadOpenCases(memo.current);
        // Unchanged cases keep the state they had: nothing is drawn again.
        setCaseLayer((prev) => (prev && JSON.stringify(prev) === JSON.stringify(next) ? prev : next));
        setCasesProblem(null);
      } catch (e) {
        setCasesProblem(shownProblem(e));
      }
    },
    "",
    OVERVIEW_POLL_MS,
  );
  const data: MapData | null = gridLayer && caseLayer ? { ...gridLayer, ...caseLayer } : null;
  const ready = data !== null;
  const latest = useRef(data);
  latest.current = data;

  useEffect(() => {
    const first = latest.current;
    if (!first || !box.current) return;
    const container = box.current;
    let map: GridMap | null = null;
    let gone = false;
    void (async () => {
      try {
        const [{ drawGridMap }, settings] = await Promise.all([import("../field/grid-map"), config()]);
        if (gone) return;
        map = await drawGridMap(container, first, {
          tileUrl: settings.map.tileUrl,
          attribution: settings.map.attribution,
          onCase: (id) => navigate(`/cases/${id}`),
        });
        if (gone) return map.remove();
        drawnMap.current = map;
        // Cases read again while the map was being drawn.
        if (latest.current) map.setCases(latest.current.cases);
        setDrawn(true);
      } catch (e) {
        if (!gone) setProblem(shownProblem(e ?? new Error("无法绘制地图（浏览器可能不支持 WebGL）")));
      }
    })();
    return () => {
      gone = true;
      drawnMap.current = null;
      map?.remove();
    };
  }, [ready]);

  useEffect(() => {
    if (caseLayer) drawnMap.current?.setCases(caseLayer.cases);
  }, [caseLayer]);

  const cases = data?.cases.features ?? [];
  const grids = data?.grids.features ?? [];
  return (
    <div>
      <h1>一张图</h1>
      {problem && <ProblemText problem={problem} />}
      {casesProblem && <ProblemText problem={casesProblem} />}
      <div class="map-layout">
        <div ref={box} class="map" role="region" aria-label="网格地图" aria-busy={!drawn} />
        <aside class="card map-side" aria-label="图例与清单">
          <h2>图例</h2>
          <p>
            <span class="legend-swatch grid" aria-hidden="true" />
            网格边界
          </p>
          <p>
            <span class="legend-swatch case" aria-hidden="true" />
            在办案件
            <span class="legend-swatch case warned" aria-hidden="true" />
            临期
            <span class="legend-swatch case overdue" aria-hidden="true" />
            超期
          </p>
          {!data && !problem && !casesProblem && <p aria-busy="true">加载中…</p>}
          {data && (
            <>
              <h2 id="map-cases-h">在办案件（{cases.length}）</h2>
              <p class="muted small">每 30 秒自动刷新</p>
              {data.more && <p class="muted">案件较多，地图只标出最近的 {cases.length} 件。</p>}
              <ul aria-labelledby="map-cases-h">
                {cases.map((f) => (
                  <li key={f.properties.id}>
                    <a href={`/cases/${f.properties.id}`} onClick={onLink}>
                      {f.properties.title}
                    </a>{" "}
                    <span class="muted">
                      {STATUS_NAMES[f.properties.status as keyof typeof STATUS_NAMES] ?? f.properties.status}
                      {f.properties.gridCode ? ` · 网格 ${f.properties.gridCode}` : ""}
                    </span>
                    {f.properties.overdue ? (
                      <span class="badge overdue">已超期</span>
                    ) : f.properties.warned ? (
                      <span class="badge warned">临期</span>
                    ) : null}
                  </li>
                ))}
              </ul>
              <h2 id="map-grids-h">网格（{grids.length + data.undrawn.length}）</h2>
              <ul aria-labelledby="map-grids-h">
                {grids.map((f) => (
                  <li key={f.properties.code}>
                    {f.properties.name} <span class="muted">{f.properties.code}</span>
                  </li>
                ))}
                {data.undrawn.map((g) => (
                  <li key={g.code}>
                    {g.name} <span class="muted">{g.code}（未标绘边界）</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </aside>
      </div>
    </div>
  );
}
