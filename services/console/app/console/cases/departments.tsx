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

/** A division's name by its code, from the public division facts; asked once per code for the tab's life. */
const divisionNames = new Map<string, Promise<string>>();
function divisionName(code: string): Promise<string> {
  let name = divisionNames.get(code);
  if (!name) {
    name = must(api.GET("/v1/public/divisions/{code}", { params: { path: { code } } })).then((d) => d.name);
    divisionNames.set(code, name);
    name.catch(() => divisionNames.delete(code));
  }
  return name;
}

const isDivisionCode = (id: string) => /^\d{12}$/.test(id);

/**
 * The units that act on a case as their names: a department by the user's list, an agency by its division's code
 * (a county's 综治中心 acts as 440703000000: shown as 蓬江区). An id neither names (a department beyond the user's
 * list, a division no longer on file) stays as it is.
 */
export function UnitNames({ ids }: { ids: string[] }) {
  const { departments } = useDepartments();
  const [divisions, setDivisions] = useState<Record<string, string>>({});
  const codes = ids.filter(isDivisionCode);
  useEffect(() => {
    let live = true;
    for (const code of codes)
      divisionName(code).then(
        (name) => live && setDivisions((d) => (d[code] === name ? d : { ...d, [code]: name })),
        // The code stays on screen, with the refusal's detail in the note beside it.
        (e: unknown) =>
          live &&
          setDivisions((d) => ({
            ...d,
            [code]: `${code}（名称未能读取：${shownProblem(e).detail ?? shownProblem(e).title}）`,
          })),
      );
    return () => void (live = false);
  }, [codes.join(",")]);
  const name = (id: string) =>
    isDivisionCode(id) ? (divisions[id] ?? id) : (departments?.find((d) => d.id === id)?.name ?? id);
  return <>{ids.map(name).join("、")}</>;
}
