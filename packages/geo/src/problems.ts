/** One thing wrong with a geometry; `path` names the field at fault, e.g. `coordinates/0/3`. */
export interface GeometryProblem {
  path: string;
  message: string;
}

/** Builds JSON-pointer-like paths into a geometry's coordinates. */
export function ringPath(multi: boolean, polygon: number, ring: number): string {
  return multi ? `coordinates/${polygon}/${ring}` : `coordinates/${ring}`;
}

export function polygonPath(multi: boolean, polygon: number): string {
  return multi ? `coordinates/${polygon}` : "coordinates";
}
