import type { components } from "@civicgrid/client";
import { useEffect, useState } from "preact/hooks";
import { allItems } from "../../shared/all-items";
import { api, must } from "../../shared/api";
import { shownProblem, type ShownProblem } from "../../shared/problem";
import { onSession, useSession } from "../../shared/session";

export type Department = components["schemas"]["Department"];

/**
 * The list read once per signed-in user and shared by every picker and name on screen (a case page used to read it
 * up to three times). Dropped when the user signs out or another signs in, since the list is the user's
 * jurisdiction; a failed read is dropped too, so the next use asks again.
 */
let cached: { sub: string; list: Promise<Department[]> } | null = null;
onSession((s) => {
  if (cached && cached.sub !== s?.user.sub) cached = null;
});

const readAll = (): Promise<Department[]> =>
  allItems(async (cursor) => must(api.GET("/v1/departments", { params: { query: { limit: 200, cursor } } })));

function departmentsOf(sub: string): Promise<Department[]> {
  if (cached?.sub === sub) return cached.list;
  const entry = { sub, list: readAll() };
  cached = entry;
  entry.list.catch(() => {
    if (cached === entry) cached = null;
  });
  return entry.list;
}

/**
 * The linkage departments (联动部门) the API lists for the user's division and the divisions within it — the
 * jurisdiction's own, so a picker built on them offers nothing the user may not dispatch to. All pages, capped.
 * Agencies, departments (their own division's, their own unit among them), grid workers and HR may list them.
 */
export function useDepartments(): { departments: Department[] | null; problem: ShownProblem | null } {
  const sub = useSession()?.user.sub;
  const [departments, setDepartments] = useState<Department[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    if (!sub) return;
    let live = true;
    departmentsOf(sub)
      .then((all) => live && (setDepartments(all), setProblem(null)))
      .catch((e: unknown) => live && setProblem(shownProblem(e)));
    return () => void (live = false);
  }, [sub]);
  return { departments, problem };
}

/**
 * Department ids as their names where the user's list holds them; an id outside it (a unit of a division beyond the
 * user's, or a division code standing for an agency) stays as it is.
 */
export function DepartmentNames({ ids }: { ids: string[] }) {
  const { departments } = useDepartments();
  const name = (id: string) => departments?.find((d) => d.id === id)?.name ?? id;
  return <>{ids.map(name).join("、")}</>;
}
