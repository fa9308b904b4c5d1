import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, MediaItem } from "@civicgrid/contracts";
import { AppError, createRouter } from "@civicgrid/http";
import { UPLOAD_URL_USED } from "../do/case-do";
import { caseStub, type AppEnv } from "../env";
import { assertDeclaredLength, saveMedia } from "../media/save";
import { publicKey } from "../media/store";
import { verifyGrant } from "../media/token";
import { streamObject } from "./media";

const itemParams = z.object({ id: CaseId, mediaId: z.string().uuid() });
const uploadParams = z.object({ id: CaseId, token: z.string().min(1).max(4096) });

/** Public surfaces of case files: the copy without EXIF, and the signed one-time upload URL. */
export const mediaPublicRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/public/cases/{id}/media/{mediaId}",
      summary: "A case photo for public surfaces (Open311 media_url): the copy without EXIF, GPS or device",
      request: { params: itemParams },
      responses: {
        200: { description: "the photo", content: { "image/*": { schema: z.string().openapi({ format: "binary" }) } } },
      },
    }),
    async (c) => {
      const { id, mediaId } = c.req.valid("param");
      const state = await caseStub(c.env, id).snapshot();
      const item = state ? state.media?.find((m) => m.mediaId === mediaId) : undefined;
      // No public copy (a video, a document, a HEIC photo) answers as an unknown file does.
      if (!item?.publicCopy) throw new AppError("not_found", "no such public file");
      return streamObject(c.env.MEDIA, publicKey(id, mediaId), item, "public");
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/v1/public/cases/{id}/media/uploads/{token}",
      summary: "Upload one file to a signed one-time URL (the raw bytes as the body; x-file-name optional)",
      request: {
        params: uploadParams,
        headers: z.object({ "x-file-name": z.string().max(255).optional() }),
        body: {
          content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } },
          required: true,
        },
      },
      responses: { 201: { description: "the stored file", content: { "application/json": { schema: MediaItem } } } },
    }),
    async (c) => {
      const { id, token } = c.req.valid("param");
      const grant = await verifyGrant(c.env.INTERNAL_TOKEN_SECRET, token, id, Date.now());
      if (!grant) throw AppError.field("path.token", "the upload URL is invalid or expired", "forbidden");
      const stub = caseStub(c.env, id);
      if (await stub.uploadUrlUsed(grant.jti)) throw new AppError("conflict", UPLOAD_URL_USED);
      assertDeclaredLength(c.req.header("content-length"));
      const state = await stub.snapshot();
      if (!state) throw new AppError("not_found", "no such case");
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      const name = c.req.header("x-file-name") ?? "";
      const upload = { bytes, name, type: c.req.header("content-type") ?? "", fields: grant.fields };
      return c.json(await saveMedia(c.env, state, upload, grant.uploader, grant.jti), 201);
    },
  );
