import { useEffect, useRef, useState } from "preact/hooks";
import { config } from "../../shared/config";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { navigate, onLink } from "../../shared/router";
import "../field/field.css";
import { STATUS_NAMES } from "../cases/labels";
import { loadMapData, type MapData } from "../field/map-data";

/**
 * 一张图: the jurisdiction's grids and open cases on a map (MapLibre GL, loaded on this page only), with the same
 * GeoJSON as lists beside it, so that keyboards and screen readers reach every grid and case too.
 */
export function MapPage() {
  const box = useRef<HTMLDivElement>(null);
  const [data, setData] = useState<MapData | null>(null);
  const [drawn, setDrawn] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  useEffect(() => void loadMapData().then(setData, (e: unknown) => setProblem(shownProblem(e))), []);

  useEffect(() => {
    if (!data || !box.current) return;
    const container = box.current;
    let map: { remove(): void } | null = null;
    let gone = false;
    void (async () => {
      try {
        const [{ drawGridMap }, settings] = await Promise.all([import("../field/grid-map"), config()]);
        if (gone) return;
        map = await drawGridMap(container, data, {
          tileUrl: settings.map.tileUrl,
          attribution: settings.map.attribution,
          onCase: (id) => navigate(`/cases/${id}`),
        });
        if (gone) map.remove();
        else setDrawn(true);
      } catch (e) {
        if (!gone) setProblem(shownProblem(e ?? new Error("无法绘制地图（浏览器可能不支持 WebGL）")));
      }
    })();
    return () => {
      gone = true;
      map?.remove();
    };
  }, [data]);

  const cases = data?.cases.features ?? [];
  const grids = data?.grids.features ?? [];
  return (
    <div>
      <h1>一张图</h1>
      {problem && <ProblemText problem={problem} />}
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
          {!data && !problem && <p aria-busy="true">加载中…</p>}
          {data && (
            <>
              <h2 id="map-cases-h">在办案件（{cases.length}）</h2>
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
