import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";

interface Node {
  code: string;
  name: string;
  children: Node[];
}

/** The catalogue's leaves, with their parents' names, as one flat list for a select. */
function leaves(nodes: Node[], trail: string[] = []): { code: string; label: string }[] {
  return nodes.flatMap((n) =>
    n.children.length
      ? leaves(n.children, [...trail, n.name])
      : [{ code: n.code, label: [...trail, n.name].join(" / ") }],
  );
}

/** A labelled select of the city's matter categories (from the public catalogue). */
export function CategorySelect({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const [options, setOptions] = useState<{ code: string; label: string }[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    must(api.GET("/v1/public/matters/categories")).then(
      (d) => setOptions(leaves(d.items as Node[])),
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
