import { api, must } from "../shared/api";
import { match } from "../shared/router";
import type { Point } from "./geo";

/**
 * Attaches the resident's photo to their report through the public media flow: a signed one-time upload URL asked
 * for with the follow token, then the file's bytes PUT to it. The case service strips EXIF, GPS and the device from
 * the copy it shows the public.
 */
export async function uploadPhoto(id: string, followToken: string, file: File, at: Point | null): Promise<void> {
  const { url } = await must(
    api.POST("/v1/public/cases/{id}/media/upload-url", {
      params: { path: { id }, header: { "x-follow-token": followToken } },
      body: at ? { lng: at.lng, lat: at.lat } : {},
    }),
  );
  const signed = match("/v1/public/cases/:id/media/uploads/:token", url);
  if (!signed?.token) throw new Error("上传地址无效，请重试。");
  await must(
    api.PUT("/v1/public/cases/{id}/media/uploads/{token}", {
      params: { path: { id, token: signed.token } },
      // The raw bytes are the body (not JSON), with the photo's own type for the service to check against its bytes.
      body: file as unknown as string,
      bodySerializer: (b: unknown) => b as Blob,
      headers: { "content-type": file.type || "application/octet-stream" },
    }),
  );
}
