import type { GridChange } from "@civicgrid/contracts";
import type { Refusal } from "./refusal";

const FACTS = ["households", "population"] as const;

/**
 * Once the base data has counted a grid (底数, issue 14 item 10), its households and population are the base data's,
 * not typed in: an edit that sends either for such a grid is refused, naming the field, rather than silently
 * ignored (a typed figure that quietly vanished would mislead whoever filed it). New grids (create, split, merge)
 * have new codes that no count names yet, so their typed figures stand as the estimate until the base data counts
 * them.
 */
export function typedFactsRefusal(changes: readonly GridChange[], counted: ReadonlySet<string>): Refusal | null {
  const errors = changes.flatMap((change, i) =>
    change.op === "update" && counted.has(change.code)
      ? FACTS.filter((fact) => change.grid[fact] !== undefined).map((fact) => ({
          field: `body.changes.${i}.grid.${fact}`,
          message: `grid ${change.code} has ${fact} from the base data's counts (底数); leave it out`,
        }))
      : [],
  );
  if (errors.length === 0) return null;
  return { refused: "unprocessable", message: errors.map((e) => `${e.field}: ${e.message}`).join("; "), errors };
}

/** The grids an edit updates (the only ones whose typed facts may clash with the base data's). */
export const updatedGrids = (changes: readonly GridChange[]) =>
  changes.flatMap((change) => (change.op === "update" ? [change.code] : []));
