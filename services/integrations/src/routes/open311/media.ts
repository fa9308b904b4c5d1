import { z } from "@hono/zod-openapi";
import { isPlatformRefusal } from "@civicgrid/contracts";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import { upstream } from "./door";

/** The `media` file part of a multipart POST requests (issue 16): the same store and checks as any case file. */
export const MediaPart = z
  .custom<File>((value) => value instanceof File, "a file part named media")
  .optional()
  .openapi({ type: "string", format: "binary", description: "a photo, video or document of the problem" });

/**
 * Attaches the report's file to its case; the answer's media_url is the case photo's public copy (no EXIF).
 * The case is filed already: a file the cases service refuses (its type, its size) leaves the report without it,
 * and the refusal is returned for the service notice rather than failing a report that was received.
 */
export async function attachReportMedia(
  c: Context<AppEnv>,
  caseId: string,
  media: File,
): Promise<{ mediaUrl: string | null; refused: string | null }> {
  const file = { bytes: new Uint8Array(await media.arrayBuffer()), name: media.name, type: media.type };
  const outcome = await upstream("storing the media", async () => {
    try {
      return await c.env.CASES.attachResidentMedia(caseId, file);
    } catch (error) {
      if (isPlatformRefusal(error)) return { refused: error.message };
      throw error;
    }
  });
  if ("refused" in outcome) return { mediaUrl: null, refused: outcome.refused };
  const mediaUrl = outcome.publicPath ? new URL(outcome.publicPath, c.req.url).toString() : null;
  return { mediaUrl, refused: null };
}
