import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";

/** A division's county, as the API names counties: 440703002101 → 440703000000. */
export const countyOf = (divisionCode: string) => `${divisionCode.slice(0, 6)}000000`;

/**
 * A labelled select of the matters the county admits (its filed 事项清单): a case is reported as one of them, and
 * the list decides its deadlines and who handles it.
 */
export function MatterSelect({
  countyCode,
  value,
  onChange,
}: {
  countyCode: string;
  value: string;
  onChange: (code: string) => void;
}) {
  const [options, setOptions] = useState<{ code: string; name: string }[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    must(api.GET("/v1/public/matters/lists/{countyCode}", { params: { path: { countyCode } } })).then(
      (list) => setOptions(list.admission.map((m) => ({ code: m.matterCode, name: m.name }))),
      (e: unknown) => setProblem(shownProblem(e)),
    );
  }, [countyCode]);
  if (problem) return <ProblemText problem={problem} />;
  return (
    <label>
      事项类别
      <select required value={value} onChange={(e) => onChange(e.currentTarget.value)} disabled={!options}>
        <option value="">{options ? "请选择" : "加载中…"}</option>
        {options?.map((o) => (
          <option key={o.code} value={o.code}>
            {o.code} {o.name}
          </option>
        ))}
      </select>
    </label>
  );
}
