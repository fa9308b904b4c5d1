/**
 * 底数 per grid (issue 14 item 10), computed from a village's own records: a plain function over the rows it needs,
 * so the rule is tested without the runtime. Records without a grid (a road, a household before its people) count
 * in no grid.
 */
export interface GridFigures {
  registered: number;
  floating: number;
  foreign: number;
  households: number;
  houses: number;
  rentedHouses: number;
  units: number;
  /** Tag kind → people present currently tagged with it. */
  tagged: Record<string, number>;
}

export interface CountInput {
  people: {
    id: string;
    gridCode: string | null;
    personType: "registered" | "floating" | "foreign";
    status: string;
    householdId: string | null;
  }[];
  households: { id: string; headPersonId: string | null }[];
  houses: { gridCode: string | null; use: string; rented: boolean }[];
  units: { gridCode: string | null; status: string }[];
  tags: { personId: string; kind: string; end: string | null }[];
  /** Today (YYYY-MM-DD, Asia/Shanghai): a tag whose end has come no longer counts. */
  today: string;
}

export const emptyFigures = (): GridFigures => ({
  registered: 0,
  floating: 0,
  foreign: 0,
  households: 0,
  houses: 0,
  rentedHouses: 0,
  units: 0,
  tagged: {},
});

/** People present (实有人口: neither moved out, dead nor anonymised). */
export const population = (f: GridFigures) => f.registered + f.floating + f.foreign;

/**
 * The figures of every grid that holds a record. People count by type when present; a household counts once, in
 * the grid of its head when the head is present, else of its first present member (a household whose members all
 * left is no longer counted); a house counts as rented when marked rented or used as one (出租屋); units count
 * while open; a person counts once per tag kind they currently hold.
 */
export function countGrids(input: CountInput): Map<string, GridFigures> {
  const out = new Map<string, GridFigures>();
  const of = (grid: string) => {
    let figures = out.get(grid);
    if (!figures) out.set(grid, (figures = emptyFigures()));
    return figures;
  };
  const present = new Map(input.people.filter((p) => p.status === "present").map((p) => [p.id, p]));
  for (const person of present.values()) if (person.gridCode) of(person.gridCode)[person.personType] += 1;

  const firstMember = new Map<string, string | null>();
  for (const person of [...present.values()].sort((a, b) => a.id.localeCompare(b.id)))
    if (person.householdId && !firstMember.has(person.householdId))
      firstMember.set(person.householdId, person.gridCode);
  for (const household of input.households) {
    const head = household.headPersonId ? present.get(household.headPersonId) : undefined;
    const grid = head ? head.gridCode : firstMember.get(household.id);
    if (grid) of(grid).households += 1;
  }

  for (const house of input.houses) {
    if (!house.gridCode) continue;
    const figures = of(house.gridCode);
    figures.houses += 1;
    if (house.rented || house.use === "rented") figures.rentedHouses += 1;
  }
  for (const unit of input.units) if (unit.gridCode && unit.status === "open") of(unit.gridCode).units += 1;

  const tagged = new Set<string>();
  for (const tag of input.tags) {
    const person = present.get(tag.personId);
    const key = `${tag.personId}|${tag.kind}`;
    if (!person?.gridCode || (tag.end !== null && tag.end <= input.today) || tagged.has(key)) continue;
    tagged.add(key);
    const figures = of(person.gridCode);
    figures.tagged[tag.kind] = (figures.tagged[tag.kind] ?? 0) + 1;
  }
  return out;
}
