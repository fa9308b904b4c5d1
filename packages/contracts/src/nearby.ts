import { z } from "@hono/zod-openapi";
import { CaseStatus } from "./case-events";
import { CaseSummary } from "./cases";

/**
 * Duplicates while reporting (issue 16): the open cases of a matter near a point, within the matter's duplicate
 * radius and window (the county's matter list, default 50 m and 7 days), nearest first.
 */
export const NearbyQuery = z.object({
  categoryCode: z.string().regex(/^[A-Za-z0-9._-]{1,32}$/, "letters, digits, . _ - (1 to 32)"),
  lng: z.coerce.number().min(73).max(136),
  lat: z.coerce.number().min(3).max(54),
});
export type NearbyQuery = z.infer<typeof NearbyQuery>;

const Settings = z.object({ radiusMeters: z.number().int(), windowDays: z.number().int() });

export const NearbyCase = CaseSummary.extend({ distanceMeters: z.number().int() }).openapi("NearbyCase");
export const NearbyCases = z.object({ settings: Settings, cases: z.array(NearbyCase) }).openapi("NearbyCases");
export type NearbyCases = z.infer<typeof NearbyCases>;

/** What anyone may see of a possible duplicate: the public record's fields (scrubbed), to join it with a +1. */
export const PublicNearbyCase = z
  .object({
    id: z.string(),
    categoryCode: z.string(),
    categoryName: z.string(),
    status: CaseStatus,
    description: z.string(),
    address: z.string().nullable(),
    requestedAt: z.string(),
    distanceMeters: z.number().int(),
  })
  .openapi("PublicNearbyCase");
export const PublicNearbyCases = z
  .object({ settings: Settings, cases: z.array(PublicNearbyCase) })
  .openapi("PublicNearbyCases");
export type PublicNearbyCases = z.infer<typeof PublicNearbyCases>;
