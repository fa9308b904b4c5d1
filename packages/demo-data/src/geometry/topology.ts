/**
 * A planar subdivision kept as shared vertices and rings of vertex ids. Cutting a ring with a line
 * creates each new vertex once (rounded to 7 decimals) and inserts it into every ring that has the
 * edge it lies on: neighbours and ancestors alike. So adjacent polygons always list the same
 * vertices along their common boundary, at every level, and rounding cannot open gaps.
 */
const KEY_SCALE = 4_194_304; // 2^22 vertices at most

export const round7 = (x: number): number => Math.round(x * 1e7) / 1e7;

/** A cut line: points p with nx * p.x + ny * p.y = c, (nx, ny) a unit normal. */
export interface Line {
  nx: number;
  ny: number;
  c: number;
}

export class Topology {
  readonly xs: number[] = [];
  readonly ys: number[] = [];
  private readonly rings: (number[] | undefined)[] = [];
  private readonly edges = new Map<number, Set<number>>();

  addVertex(x: number, y: number): number {
    this.xs.push(round7(x));
    this.ys.push(round7(y));
    return this.xs.length - 1;
  }

  /** Adds a counter-clockwise ring of vertex ids (not closed) and returns its id. */
  addRing(vertices: number[]): number {
    const id = this.rings.length;
    this.rings.push(vertices.slice());
    this.forEachEdge(vertices, (key) => this.edgeSet(key).add(id));
    return id;
  }

  /** Forgets a ring: it no longer receives vertices inserted on its edges. */
  removeRing(id: number): void {
    const ring = this.ring(id);
    this.forEachEdge(ring, (key) => this.edges.get(key)?.delete(id));
    this.rings[id] = undefined;
  }

  ring(id: number): number[] {
    const ring = this.rings[id];
    if (!ring) throw new Error(`ring ${id} is gone`);
    return ring;
  }

  /** Coordinates of a ring, closed (first point repeated), as GeoJSON wants. */
  coordinates(id: number): [number, number][] {
    const ring = this.ring(id);
    const out: [number, number][] = ring.map((v) => [this.xs[v] ?? 0, this.ys[v] ?? 0]);
    const first = out[0];
    if (first) out.push([first[0], first[1]]);
    return out;
  }

  /**
   * Cuts ring `id` along `line` into [negative side, positive side] rings. Returns null when the cut
   * would be fragile: a vertex within `eps` of the line, or not exactly two crossings.
   * The parent ring stays registered when `keepParent` (it is a real division), else it is removed.
   */
  split(id: number, line: Line, keepParent: boolean, eps = 3e-7): [number, number] | null {
    const ring = this.ring(id);
    const n = ring.length;
    const side = ring.map((v) => line.nx * (this.xs[v] ?? 0) + line.ny * (this.ys[v] ?? 0) - line.c);
    let up = -1;
    let down = -1;
    for (let i = 0; i < n; i++) {
      const a = side[i] ?? 0;
      const b = side[(i + 1) % n] ?? 0;
      if (Math.abs(a) < eps) return null;
      if (a < 0 && b > 0) {
        if (up >= 0) return null;
        up = i;
      } else if (a > 0 && b < 0) {
        if (down >= 0) return null;
        down = i;
      }
    }
    if (up < 0 || down < 0) return null;
    const w1 = this.cutEdge(ring, side, up);
    const w2 = this.cutEdge(ring, side, down);
    const [a1, b1, a2, b2] = [ring[up] ?? 0, ring[(up + 1) % n] ?? 0, ring[down] ?? 0, ring[(down + 1) % n] ?? 0];
    this.insertOnEdge(a1, b1, w1); // rings are edited in place: read the edges before
    this.insertOnEdge(a2, b2, w2);
    const updated = this.ring(id);
    const i1 = updated.indexOf(w1);
    const i2 = updated.indexOf(w2);
    const positive = walk(updated, i1, i2);
    const negative = walk(updated, i2, i1);
    if (!keepParent) this.removeRing(id);
    return [this.addRing(negative), this.addRing(positive)];
  }

  private cutEdge(ring: number[], side: number[], i: number): number {
    const n = ring.length;
    const a = ring[i] ?? 0;
    const b = ring[(i + 1) % n] ?? 0;
    const sa = side[i] ?? 0;
    const t = sa / (sa - (side[(i + 1) % n] ?? 0));
    const ax = this.xs[a] ?? 0;
    const ay = this.ys[a] ?? 0;
    return this.addVertex(ax + t * ((this.xs[b] ?? 0) - ax), ay + t * ((this.ys[b] ?? 0) - ay));
  }

  /** Puts vertex w between a and b in every ring that has the edge a-b (either direction). */
  private insertOnEdge(a: number, b: number, w: number): void {
    const key = edgeKey(a, b);
    const owners = [...(this.edges.get(key) ?? [])];
    this.edges.delete(key);
    for (const id of owners) {
      const ring = this.ring(id);
      const n = ring.length;
      for (let i = 0; i < n; i++) {
        const p = ring[i];
        const q = ring[(i + 1) % n];
        if ((p === a && q === b) || (p === b && q === a)) {
          ring.splice(i + 1, 0, w);
          break;
        }
      }
      this.edgeSet(edgeKey(a, w)).add(id);
      this.edgeSet(edgeKey(w, b)).add(id);
    }
  }

  private edgeSet(key: number): Set<number> {
    let set = this.edges.get(key);
    if (!set) {
      set = new Set();
      this.edges.set(key, set);
    }
    return set;
  }

  private forEachEdge(ring: number[], fn: (key: number) => void): void {
    for (let i = 0; i < ring.length; i++) fn(edgeKey(ring[i] ?? 0, ring[(i + 1) % ring.length] ?? 0));
  }
}

function edgeKey(a: number, b: number): number {
  return a < b ? a * KEY_SCALE + b : b * KEY_SCALE + a;
}

/** Vertices from index i to index j inclusive, going forward around the ring. */
function walk(ring: number[], i: number, j: number): number[] {
  const out: number[] = [];
  for (let k = i; ; k = (k + 1) % ring.length) {
    out.push(ring[k] ?? 0);
    if (k === j) break;
  }
  return out;
}
