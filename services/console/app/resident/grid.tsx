import { useEffect, useState } from "preact/hooks";
import type { components } from "@civicgrid/client";
import { api, must } from "../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../shared/problem";
import { navigate, onLink } from "../shared/router";
import { AddressSearch } from "./address-search";
import { coordinate, myPosition } from "./geo";
import { GRID_TYPE, ROLE, when } from "./labels";

type PublicGrid = components["schemas"]["PublicGridWithCounts"];

/** The grid a point lies in (the registry's public locate), as a page to go to. */
export async function gridAt(lng: number, lat: number): Promise<PublicGrid> {
  return must(api.GET("/v1/public/grids/locate", { params: { query: { lng, lat } } }));
}

/**
 * Finds the resident's grid: from the phone's location, the standard address of their door (the village's base
 * data, searched through the public address lookup), typed coordinates, or a grid code.
 */
export function FindGridPage() {
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [lng, setLng] = useState("");
  const [lat, setLat] = useState("");
  const [code, setCode] = useState("");

  async function locate(point: () => Promise<{ lng: number; lat: number }>) {
    setBusy(true);
    setProblem(null);
    try {
      const p = await point();
      setLng(String(p.lng));
      setLat(String(p.lat));
      const grid = await gridAt(p.lng, p.lat);
      navigate(`/h5/grid/${grid.code}`);
    } catch (e) {
      setProblem(shownProblem(e));
    } finally {
      setBusy(false);
    }
  }

  function typedPoint(): Promise<{ lng: number; lat: number }> {
    const x = coordinate(lng);
    const y = coordinate(lat);
    if (x === null || y === null) return Promise.reject(new Error("请填写经度和纬度（数字，例如 113.08、22.58）。"));
    return Promise.resolve({ lng: x, lat: y });
  }

  return (
    <>
      <h1>查找我的网格</h1>
      <section class="card" aria-labelledby="by-location">
        <h2 id="by-location">按我的位置</h2>
        <p class="muted">需要您允许本页使用位置信息；位置只用于查找网格，不会保存。</p>
        <button type="button" class="primary wide" disabled={busy} onClick={() => void locate(myPosition)}>
          {busy ? "正在查找…" : "使用我的位置查找"}
        </button>
      </section>
      {problem && <ProblemText problem={problem} />}
      <AddressSearch />
      <section class="card" aria-labelledby="by-point">
        <h2 id="by-point">按经纬度</h2>
        <p class="muted">可在地图应用中查看所在位置的经纬度后填写。</p>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void locate(typedPoint);
          }}
        >
          <div class="pair">
            <label>
              经度
              <input inputMode="decimal" value={lng} onInput={(e) => setLng(e.currentTarget.value)} />
            </label>
            <label>
              纬度
              <input inputMode="decimal" value={lat} onInput={(e) => setLat(e.currentTarget.value)} />
            </label>
          </div>
          <button type="submit" disabled={busy}>
            按经纬度查找
          </button>
        </form>
      </section>
      <section class="card" aria-labelledby="by-code">
        <h2 id="by-code">按网格编码</h2>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            navigate(`/h5/grid/${encodeURIComponent(code.trim())}`);
          }}
        >
          <label>
            网格编码（15 位数字，见社区公示牌）
            <input
              inputMode="numeric"
              pattern="\d{15}"
              required
              value={code}
              onInput={(e) => setCode(e.currentTarget.value)}
            />
          </label>
          <button type="submit">查看网格公示</button>
        </form>
      </section>
    </>
  );
}

/** A grid's public disclosure (公示): who serves it and how to reach them, and where to complain about them. */
export function GridPage({ code }: { code: string }) {
  const [grid, setGrid] = useState<PublicGrid | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    setGrid(null);
    setProblem(null);
    must(api.GET("/v1/public/grids/{code}", { params: { path: { code } } }))
      .then(setGrid)
      .catch((e: unknown) => setProblem(shownProblem(e)));
  }, [code]);

  if (problem)
    return (
      <>
        <h1>网格公示</h1>
        <ProblemText problem={problem} />
        <p>
          <a href="/h5/grid" onClick={onLink}>
            重新查找
          </a>
        </p>
      </>
    );
  if (!grid)
    return (
      <>
        <h1>网格公示</h1>
        <p aria-busy="true">正在读取…</p>
      </>
    );
  return (
    <>
      <h1>{grid.name}</h1>
      <section class="card" aria-labelledby="disclosure">
        <h2 id="disclosure">网格公示</h2>
        <dl class="facts">
          <dt>网格编码</dt>
          <dd>{grid.code}</dd>
          <dt>网格类型</dt>
          <dd>{GRID_TYPE[grid.type]}</dd>
          {grid.unitName && (
            <>
              <dt>所属单位</dt>
              <dd>{grid.unitName}</dd>
            </>
          )}
          <dt>所在地</dt>
          <dd>
            {grid.countyName} {grid.townshipName} {grid.villageName}
          </dd>
          <dt>网格范围</dt>
          <dd>{grid.areaDescription || "—"}</dd>
          <dt>监督电话</dt>
          <dd>
            <a href={`tel:${grid.supervisionPhone}`}>{grid.supervisionPhone}</a>
          </dd>
          {grid.counts && (
            <>
              <dt>户数 / 人口</dt>
              <dd>
                {grid.counts.households} 户 / {grid.counts.population} 人
                <span class="muted">（统计于 {when(grid.counts.asOf)}）</span>
              </dd>
            </>
          )}
        </dl>
      </section>
      <section class="card" aria-labelledby="workers">
        <h2 id="workers">网格工作人员</h2>
        {grid.workers.length === 0 ? (
          <p class="muted">本网格暂无公示的工作人员，请拨打监督电话。</p>
        ) : (
          <ul class="workers">
            {grid.workers.map((w) => (
              <li key={`${w.name}-${w.workPhone}`}>
                <strong>{w.name}</strong> <span class="badge">{ROLE[w.role]}</span>
                <br />
                工作电话：<a href={`tel:${w.workPhone}`}>{w.workPhone}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <p>
        <a class="button primary wide" href="/h5/report" onClick={onLink}>
          在本网格反映问题
        </a>
      </p>
    </>
  );
}
