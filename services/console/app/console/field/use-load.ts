import { useEffect, useState } from "preact/hooks";
import { shownProblem, type ShownProblem } from "../../shared/problem";

/** Loads once per change of `deps`; a failure becomes the problem to show (an answer that comes late is dropped). */
export function useLoad<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let current = true;
    setData(null);
    setProblem(null);
    load().then(
      (d) => current && setData(d),
      (e: unknown) => current && setProblem(shownProblem(e)),
    );
    return () => {
      current = false;
    };
  }, [...deps, round]);
  return { data, problem, reload: () => setRound((r) => r + 1) };
}
