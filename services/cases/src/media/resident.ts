import { AppError } from "@civicgrid/http";
import { followTokenActor } from "../domain";
import { caseStub, type Env } from "../env";
import { saveMedia } from "./save";

/** The public path of a file's copy without metadata (Open311 media_url, public case surfaces). */
export const publicMediaPath = (caseId: string, mediaId: string) => `/v1/public/cases/${caseId}/media/${mediaId}`;

/**
 * A file sent with an Open311 report: the same checks and store as any upload, by the case's anonymous reporter
 * (the follow-token actor), for the report.
 */
export async function attachResidentMedia(
  env: Env,
  caseId: string,
  file: { bytes: Uint8Array; name: string; type: string },
): Promise<{ mediaId: string; publicPath: string | null }> {
  const state = await caseStub(env, caseId).snapshot();
  if (!state) throw new AppError("not_found", "no such case");
  const upload = { ...file, fields: { stage: "report" as const, phase: "none" as const } };
  const item = await saveMedia(env, state, upload, followTokenActor(state), null);
  return { mediaId: item.mediaId, publicPath: item.publicCopy ? publicMediaPath(caseId, item.mediaId) : null };
}
