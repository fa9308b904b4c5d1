import { useEffect, useRef, useState } from "preact/hooks";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import type { Series } from "./charts";

/**
 * A chart drawn by ECharts (loaded on first use), labelled for assistive technology; the page shows the same figures
 * as a table, so the chart is never the only way to read them.
 */
export function ChartBox({
  label,
  categories,
  series,
  horizontal,
}: {
  label: string;
  categories: string[];
  series: Series[];
  horizontal?: boolean;
}) {
  const el = useRef<HTMLDivElement>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    let dispose: (() => void) | undefined;
    let gone = false;
    import("./charts").then(
      ({ drawChart }) => {
        if (!gone && el.current) dispose = drawChart(el.current, { categories, series, horizontal });
      },
      (e: unknown) => setProblem(shownProblem(e)),
    );
    return () => {
      gone = true;
      dispose?.();
    };
  }, [JSON.stringify({ categories, series, horizontal })]);
  return (
    <figure class="chart-figure">
      <figcaption>{label}</figcaption>
      {problem && <ProblemText problem={problem} />}
      {/* ECharts replaces this label with its own description of the data (its aria component). */}
      <div ref={el} class="chart" role="img" aria-label={label} />
    </figure>
  );
}
