import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";

interface Node {
  code: string;
  name: string;
  children: Node[];
}

/** Every category of the catalogue, with its parents' names, as one flat list for a select (in catalogue order). */
function flatten(nodes: Node[], trail: string[] = []): { code: string; label: string }[] {
  return nodes.flatMap((n) => [
    { code: n.code, label: [...trail, n.name].join(" / ") },
    ...flatten(n.children, [...trail, n.name]),
  ]);
}

/** A labelled select of the city's matter categories (from the public catalogue). */
export function CategorySelect({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const [options, setOptions] = useState<{ code: string; label: string }[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    must(api.GET("/v1/public/matters/categories")).then(
      (d) => setOptions(flatten(d.items as Node[])),
      (e: unknown) => setProblem(shownProblem(e)),
    );
  }, []);
  if (problem) return <ProblemText problem={problem} />;
  return (
    <label>
      事项类别
      <select required value={value} onChange={(e) => onChange(e.currentTarget.value)} disabled={!options}>
        <option value="">{options ? "请选择" : "加载中…"}</option>
        {options?.map((o) => (
          <option key={o.code} value={o.code}>
            {o.code} {o.label}
          </option>
        ))}
      </select>
    </label>
  );
}
