/**
 * Standard addresses (标准地址) of one grid: roads, door numbers and, in urban communities, estates' buildings,
 * units (单元) and rooms. Door numbers and buildings carry a point inside the grid (the registry places them by it);
 * units and rooms take their building's. Names are unique under their parent, so nothing is a duplicate address.
 */
import type { ChangeOf } from "@civicgrid/contracts";
import type { Rng } from "../random";
import type { Grid } from "../types";
import type { Point } from "./context";
import type { LedgerBuilder } from "./ledger";
import { pointsIn } from "./points";

/** A place a house (or unit) can stand at: an address with its grid and point. */
export interface Site {
  addressId: string;
  gridCode: string;
  point: Point;
  /** The address as people write it, for notes and visits. */
  label: string;
}

const ROAD_WORDS = [..."兴华福康平和富裕安乐顺盛隆昌泰新荣德仁信礼智怡景祥瑞宁江海"];
const RURAL_SUFFIXES = ["大街", "里", "巷", "坊", "北街", "南街"];
const URBAN_SUFFIXES = ["路", "街", "大道"];
const ESTATES = ["花园", "小区", "雅苑", "新村", "家园", "名苑"];

/** A road name not yet used in the village. */
function roadName(rng: Rng, used: Set<string>, urban: boolean): string {
  for (let i = 0; ; i++) {
    const word = rng.pick(ROAD_WORDS) + (i > 40 ? rng.pick(ROAD_WORDS) : "");
    const name = word + rng.pick(urban ? URBAN_SUFFIXES : RURAL_SUFFIXES);
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

type AddressCreate = ChangeOf<"address.create">;

export class GridPlaces {
  private readonly sample;
  private readonly roads: { id: string; name: string; doors: number }[] = [];

  constructor(
    private readonly ledger: LedgerBuilder,
    private readonly rng: Rng,
    readonly grid: Grid,
    private readonly usedRoads: Set<string>,
    private readonly urban: boolean,
  ) {
    this.sample = pointsIn(grid);
  }

  private address(change: Omit<AddressCreate, "kind">): string {
    return this.ledger.add({ kind: "address.create", ...change });
  }

  /** A road of the grid with room for another door (a new road every 30 doors or so). */
  private road(): { id: string; name: string; doors: number } {
    const last = this.roads.at(-1);
    if (last && last.doors < this.rng.int(20, 40)) return last;
    const name = roadName(this.rng, this.usedRoads, this.urban);
    const road = { id: this.address({ level: "road", name }), name, doors: 0 };
    this.roads.push(road);
    return road;
  }

  /** A new door number on one of the grid's roads, at a point inside the grid. */
  door(): Site {
    const road = this.road();
    const name = `${++road.doors}号`;
    const point = this.sample(this.rng);
    const addressId = this.address({ level: "door", parentId: road.id, name, lng: point[0], lat: point[1] });
    return { addressId, gridCode: this.grid.code, point, label: road.name + name };
  }

  /**
   * An estate (小区) behind a door number: buildings of six to eighteen floors, two units each, two rooms a floor,
   * until `rooms` rooms exist. Answers the rooms.
   */
  estate(rooms: number): Site[] {
    const gate = this.door();
    const estate = gate.label.replace(/\d+号$/, "") + this.rng.pick(ESTATES);
    const out: Site[] = [];
    for (let b = 1; out.length < rooms; b++) {
      const point = this.sample(this.rng);
      const name = `${b}栋`;
      const building = this.address({
        level: "building",
        parentId: gate.addressId,
        name,
        lng: point[0],
        lat: point[1],
      });
      const floors = this.rng.int(6, 18);
      for (let u = 1; u <= 2 && out.length < rooms; u++) {
        const unit = this.address({ level: "unit", parentId: building, name: `${u}单元` });
        for (let f = 1; f <= floors && out.length < rooms; f++) {
          for (let r = 1; r <= 2 && out.length < rooms; r++) {
            const room = `${f}0${r}房`;
            const addressId = this.address({ level: "room", parentId: unit, name: room });
            out.push({ addressId, gridCode: this.grid.code, point, label: `${estate}${name}${u}单元${room}` });
          }
        }
      }
    }
    return out;
  }
}
