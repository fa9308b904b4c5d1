import { api, must } from "../../shared/api";
import type { LngLat } from "./geo";

/**
 * Attaches a photo to a case through the media flow (multipart POST /v1/cases/{id}/media), with where the phone was:
 * the API keeps the original for officers and serves others a copy without EXIF. openapi-fetch sends a FormData
 * body as it is (the browser sets the multipart boundary), so the typed client expresses the upload too.
 */
export async function attachPhoto(
  caseId: string,
  file: File,
  at: LngLat | null,
  stage: "report" | "handling" = "report",
) {
  const form = new FormData();
  form.set("stage", stage);
  form.set("phase", "none");
  if (at) {
    form.set("lng", String(at.lng));
    form.set("lat", String(at.lat));
  }
  form.set("file", file, file.name || "photo.jpg");
  return must(
    api.POST("/v1/cases/{id}/media", {
      params: { path: { id: caseId } },
      // The typed body describes the multipart fields; the serializer hands over the FormData built above.
      body: { stage, file: "" },
      bodySerializer: () => form,
    }),
  );
}
