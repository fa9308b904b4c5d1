import type { components } from "@civicgrid/client";
import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { shownProblem, type ShownProblem } from "../../shared/problem";

export type Department = components["schemas"]["Department"];

/**
 * The linkage departments (联动部门) the API lists for the user's division and the divisions within it — the
 * jurisdiction's own, so a picker built on them offers nothing the user may not dispatch to. All pages, capped.
 */
export function useDepartments(): { departments: Department[] | null; problem: ShownProblem | null } {
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    let live = true;
    (async () => {
      const all: Department[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 10; page++) {
        const got = await must(api.GET("/v1/departments", { params: { query: { limit: 200, cursor } } }));
        all.push(...got.items);
        if (!got.nextCursor) break;
        cursor = got.nextCursor;
      }
      if (live) setDepartments(all);
    })().catch((e: unknown) => live && setProblem(shownProblem(e)));
    return () => void (live = false);
  }, []);
  return { departments, problem };
}

/** Department ids as their names, for a user who may list departments (an agency); others see the ids. */
export function DepartmentNames({ ids }: { ids: string[] }) {
  const { departments } = useDepartments();
  const name = (id: string) => departments?.find((d) => d.id === id)?.name ?? id;
  return <>{ids.map(name).join("、")}</>;
}
