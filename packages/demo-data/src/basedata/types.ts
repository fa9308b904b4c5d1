/** Shapes of the generated base data (一标三实): per-village ledgers of changes and the visits of the grids' workers. */
import type { Change, TagKindCode } from "@civicgrid/contracts";

export interface BaseDataOptions {
  /** The township to fill, 12 digits; default the first township of the demo county 蓬江区 (440703). */
  townshipCode?: string;
  /** Only these villages of the township (default: all of them, so the township is whole). */
  villageCodes?: readonly string[];
  /** Seed of every random choice; default the city's seed. */
  seed?: number;
  /** The day the data is "as of" (ages, residence dates, visits of the last weeks), YYYY-MM-DD. */
  asOf?: string;
  /**
   * Households per grid: a number (default 12, a township a dev machine loads through the API in a minute or two)
   * or "facts" for the households the registry's grid facts give (real scale, for benchmarks).
   */
  householdsPerGrid?: number | "facts";
}

/**
 * One village's ledger: changes in dependency order (addresses, houses, units, people, tags), each with the id of
 * the record it creates. Ids follow the village object's per-kind sequences (services/basedata village/ids.ts), so
 * they are the ids the service assigns when the ledger is applied in order to a village with no base data; a loader
 * that finds another id maps the predicted one to it before applying later changes.
 */
export interface VillageLedger {
  villageCode: string;
  townshipCode: string;
  gridCodes: string[];
  changes: Change[];
  recordIds: string[];
}

export type VisitSubject = { kind: "person" | "house" | "unit"; id: string };

/** A home visit (走访) by a worker of the grid, at a point inside the grid. */
export interface DemoVisit {
  villageCode: string;
  gridCode: string;
  workerId: string;
  /** The login of the worker (DemoUser.sub), when the worker has one. */
  visitorSub: string | null;
  subject: VisitSubject;
  /** The tag kind that made the visit due (a plan), or null for a routine visit of a house or unit. */
  tagKind: TagKindCode | null;
  at: string;
  lng: number;
  lat: number;
  outcome: "met" | "absent";
  note: string;
  /** Needs found; each opens a case (cases categories, e.g. 0501 困难群众救助). */
  needs: { title: string; description: string; categoryCode: string }[];
}

export interface BaseDataCounts {
  villages: number;
  grids: number;
  addresses: number;
  houses: number;
  /** Homes rented out to the people living in them (出租屋); shops and firms renting premises are not counted. */
  rentedHouses: number;
  households: number;
  people: number;
  floating: number;
  foreign: number;
  units: number;
  tags: number;
  visits: number;
  overduePlans: number;
}

export interface BaseData {
  seed: number;
  asOf: string;
  townshipCode: string;
  ledgers: VillageLedger[];
  visits: DemoVisit[];
  counts: BaseDataCounts;
}
