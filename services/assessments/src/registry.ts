import type { PointLocation } from "@civicgrid/contracts";
import { AppError, log } from "@civicgrid/http";
import type { Env } from "./env";

/** Asks the registry which grid each fix falls in, on the patrol's day. */
export async function locatePoints(
  env: Env,
  points: { lng: number; lat: number }[],
  day: string,
): Promise<(PointLocation | null)[]> {
  try {
    const located = await env.REGISTRY.locateMany(points, day);
    if (located.length !== points.length) {
      throw new Error(`registry answered ${located.length} locations for ${points.length} points`);
    }
    return located;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log("error", "registry locateMany failed", { service: "assessments", error: reason });
    throw new AppError("bad_gateway", "the registry could not place the points; retry the batch");
  }
}
