import { areaM2, bbox } from "@civicgrid/geo";
import type { GridRecord } from "../domain/grid";

// Kept apart from accept.ts (which sends events through the http kit, whose entry imports `cloudflare:workers`),
// so that the demo seed can build its rows under plain Node.
/** The grid_versions row of a record filed from `validFrom` (its box and area computed; seq is the caller's). */
export function versionRow(record: GridRecord, filed: { validFrom: string; layoutId: string; change: string }) {
  const [minLng, minLat, maxLng, maxLat] = bbox(record.boundary);
  const { code, countyCode, villageCode, name, type, households, population, partyOrganisation, supervisionPhone } =
    record;
  return {
    ...{ code, countyCode, villageCode, name, type, households, population, partyOrganisation, supervisionPhone },
    unitKind: record.unit?.kind ?? null,
    unitName: record.unit?.name ?? null,
    areaDescription: record.areaDescription ?? "",
    boundary: record.boundary,
    ...{ minLng, minLat, maxLng, maxLat },
    areaM2: areaM2(record.boundary),
    ...filed,
    validTo: null,
  };
}
