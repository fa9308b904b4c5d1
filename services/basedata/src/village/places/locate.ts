import type { PointLocation } from "@civicgrid/contracts";
import { fieldRefusal, ok, refused, type Outcome } from "../../domain/refusal";
import type { ChangeContext } from "../changes/types";

/** The grid of a point, through the registry, refused unless it lies in an active grid of this village. */
export async function locateInVillage(
  ctx: Pick<ChangeContext, "env" | "villageCode">,
  lng: number,
  lat: number,
  field: string,
): Promise<Outcome<PointLocation>> {
  const location = await ctx.env.REGISTRY.locate(lng, lat);
  if (!location) return refused(fieldRefusal(field, "the point lies outside every active grid"));
  if (location.villageCode !== ctx.villageCode)
    return refused(
      fieldRefusal(
        field,
        `the point lies in grid ${location.gridCode} of village ${location.villageCode}, not in ${ctx.villageCode}`,
      ),
    );
  return ok(location);
}
