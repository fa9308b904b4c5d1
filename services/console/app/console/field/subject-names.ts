import { allItems } from "../../shared/all-items";
import { api, must } from "../../shared/api";

export type RankingKind = "grid" | "worker" | "township" | "department";

/**
 * The names of what a ranking ranks, from the lists the API offers the user for their division: grids and townships
 * from the registry, workers and departments from the roster. Rankings carry ids only (the assessments service keeps
 * no names), so the page reads each list once per kind and division and keeps it for the tab's life.
 */
const kept = new Map<string, Promise<Map<string, string>>>();

async function load(kind: RankingKind, divisionCode: string): Promise<Map<string, string>> {
  const limit = 200;
  switch (kind) {
    case "grid": {
      const grids = await allItems(async (cursor) =>
        must(api.GET("/v1/grids", { params: { query: { divisionCode, limit, cursor } } })),
      );
      return new Map(grids.map((g) => [g.code, g.name]));
    }
    case "worker": {
      const workers = await allItems(async (cursor) =>
        must(api.GET("/v1/workers", { params: { query: { divisionCode, limit, cursor } } })),
      );
      return new Map(workers.map((w) => [w.id, w.name]));
    }
    case "department": {
      const departments = await allItems(async (cursor) =>
        must(api.GET("/v1/departments", { params: { query: { divisionCode, limit, cursor } } })),
      );
      return new Map(departments.map((d) => [d.id, d.name]));
    }
    case "township": {
      const townships = await allItems(async (cursor) =>
        must(
          api.GET("/v1/divisions/{code}/subtree", {
            params: { path: { code: divisionCode }, query: { level: "township", limit, cursor } },
          }),
        ),
      );
      return new Map(townships.map((d) => [d.code, d.name]));
    }
  }
}

/** Names by id for one kind within a division; a failed read is not kept (the next page load asks again). */
export function subjectNames(kind: RankingKind, divisionCode: string): Promise<Map<string, string>> {
  const key = `${kind}:${divisionCode}`;
  let names = kept.get(key);
  if (!names) {
    names = load(kind, divisionCode);
    kept.set(key, names);
    names.catch(() => kept.delete(key));
  }
  return names;
}
