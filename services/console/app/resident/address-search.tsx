import type { components } from "@civicgrid/client";
import { useEffect, useState } from "preact/hooks";
import { allItems } from "../shared/all-items";
import { api, must } from "../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../shared/problem";
import { onLink } from "../shared/router";

type Division = components["schemas"]["PublicDivision"];
type PublicAddress = components["schemas"]["PublicAddress"];

/** Every division directly under a parent (the cities for null). */
const childrenOf = (parentCode: string | null): Promise<Division[]> =>
  allItems(async (cursor) => {
    const query = { limit: 200, ...(parentCode ? { parentCode } : {}), ...(cursor ? { cursor } : {}) };
    return must(api.GET("/v1/public/divisions", { params: { query } }));
  });

const LEVEL_LABEL = { city: "市", county: "区（县）", township: "镇（街道）", village: "村（社区）" } as const;
type PickedLevel = keyof typeof LEVEL_LABEL;

/**
 * A resident's picker of city, county, township and village: each level's choices are the public children of the
 * level above; a level with one choice is chosen for them (most cities run one platform).
 */
function useDivisionPath(onProblem: (p: ShownProblem) => void) {
  const [path, setPath] = useState<string[]>([]);
  const [options, setOptions] = useState<Division[][]>([]);
  useEffect(() => {
    let live = true;
    const depth = path.length;
    if (depth >= 4) return;
    childrenOf(depth === 0 ? null : path[depth - 1]!)
      .then((items) => {
        if (!live) return;
        setOptions((o) => [...o.slice(0, depth), items]);
        if (items.length === 1) setPath((p) => (p.length === depth ? [...p, items[0]!.code] : p));
      })
      .catch((e: unknown) => live && onProblem(shownProblem(e)));
    return () => void (live = false);
  }, [path.join("/")]);
  const choose = (depth: number, code: string) => {
    setOptions((o) => o.slice(0, depth + 1));
    setPath((p) => (code ? [...p.slice(0, depth), code] : p.slice(0, depth)));
  };
  return { path, options, choose, village: path.length === 4 ? path[3]! : null };
}

/**
 * 按地址查找: the village's standard addresses (标准地址) as the base data keeps them, searched by any part of the
 * door plate; a match names its grid, whose disclosure is one tap away. A road crosses grids and names none.
 */
export function AddressSearch() {
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const { path, options, choose, village } = useDivisionPath(setProblem);
  const [text, setText] = useState("");
  const [found, setFound] = useState<PublicAddress[] | null>(null);
  const [busy, setBusy] = useState(false);
  // Matches belong to the village they were found in.
  useEffect(() => setFound(null), [village]);

  async function search() {
    if (!village) return;
    setBusy(true);
    setProblem(null);
    try {
      const query = { villageCode: village, q: text, limit: 10 };
      setFound((await must(api.GET("/v1/public/addresses", { params: { query } }))).items);
    } catch (e) {
      setProblem(shownProblem(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="card" aria-labelledby="by-address">
      <h2 id="by-address">按地址查找</h2>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void search();
        }}
      >
        {options.map((items, depth) => {
          if (items.length <= 1) return null;
          const level = (items[0]?.level ?? "village") as PickedLevel;
          return (
            <label key={depth}>
              {LEVEL_LABEL[level]}
              <select value={path[depth] ?? ""} onChange={(e) => choose(depth, e.currentTarget.value)}>
                <option value="">请选择</option>
                {items.map((d) => (
                  <option key={d.code} value={d.code}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          );
        })}
        <label>
          门牌地址（路名、门牌号或楼栋，例如 建设路12号）
          <input
            required
            maxLength={60}
            value={text}
            disabled={!village}
            onInput={(e) => setText(e.currentTarget.value)}
          />
        </label>
        <button type="submit" disabled={!village || busy}>
          {busy ? "正在查找…" : "按地址查找"}
        </button>
      </form>
      {problem && <ProblemText problem={problem} />}
      {found && (
        <div aria-live="polite">
          {found.length === 0 ? (
            <p class="muted">未找到该地址。请核对所选村（社区）和门牌，或改用位置查找。</p>
          ) : (
            <ul class="addresses">
              {found.map((a) => (
                <li key={a.fullName}>
                  {a.gridCode ? (
                    <a href={`/h5/grid/${a.gridCode}`} onClick={onLink}>
                      {a.fullName}
                    </a>
                  ) : (
                    <>
                      {a.fullName}
                      <span class="muted">（道路跨越多个网格，请填写门牌号）</span>
                    </>
                  )}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </section>
  );
}
