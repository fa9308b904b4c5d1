import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, MediaFields, MediaItem, UploadUrlAnswer } from "@civicgrid/contracts";
import { AppError, createRouter, sha256Hex } from "@civicgrid/http";
import { followTokenActor } from "../domain";
import { NO_CASE_FOR_TOKEN, UPLOAD_URL_USED } from "../do/case-do";
import { caseStub, type AppEnv } from "../env";
import { assertDeclaredLength, saveMedia } from "../media/save";
import { publicKey } from "../media/store";
import { signGrant, UPLOAD_URL_TTL_MS, verifyGrant } from "../media/token";
import { assertRoomFor } from "../media/upload";
import { streamObject } from "./media";
import { FollowToken } from "./public";

const itemParams = z.object({ id: CaseId, mediaId: z.string().uuid() });
const uploadParams = z.object({ id: CaseId, token: z.string().min(1).max(4096) });
/** Where the resident's phone was when the photo was taken; the stage is always the report's. */
const ResidentPhotoFields = MediaFields.pick({ lng: true, lat: true });

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
      method: "post",
      path: "/v1/public/cases/{id}/media/upload-url",
      summary: "A resident without a login gets a signed one-time URL to PUT one photo of their report to",
      request: {
        params: z.object({ id: CaseId }),
        headers: FollowToken,
        body: { content: { "application/json": { schema: ResidentPhotoFields } } },
      },
      responses: { 201: { description: "the URL", content: { "application/json": { schema: UploadUrlAnswer } } } },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const stub = caseStub(c.env, id);
      const tokenHash = await sha256Hex(c.req.valid("header")["x-follow-token"]);
      // The follow token is the resident's only credential: one answer for "no such case" and "wrong token".
      const state = (await stub.publicView(tokenHash)) ? await stub.snapshot() : null;
      if (!state) throw new AppError("not_found", NO_CASE_FOR_TOKEN);
      // The token's holder as the log records them when they rate (see followTokenActor).
      const uploader = followTokenActor(state, tokenHash);
      // No URL once the case holds all the public's files (asked again when the file is recorded).
      assertRoomFor(state, uploader);
      const grant = {
        jti: crypto.randomUUID(),
        caseId: id,
        exp: Date.now() + UPLOAD_URL_TTL_MS,
        // A resident's photo is always of what they reported.
        fields: { stage: "report" as const, phase: "none" as const, ...c.req.valid("json") },
        uploader,
      };
      const token = await signGrant(c.env.INTERNAL_TOKEN_SECRET, grant);
      const url = `/v1/public/cases/${id}/media/uploads/${token}`;
      return c.json({ url, expiresAt: new Date(grant.exp).toISOString() }, 201);
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
