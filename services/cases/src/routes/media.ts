import { createRoute, z } from "@hono/zod-openapi";
import { CaseId, MediaFields, MediaItem, MediaList, UploadUrlAnswer, type Principal } from "@civicgrid/contracts";
import { AppError, createRouter, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { actorFor, readScope, type Actor, type CaseState } from "../domain";
import { caseStub, type AppEnv } from "../env";
import { assertDeclaredLength, saveMedia } from "../media/save";
import { originalKey, publicKey } from "../media/store";
import { signGrant, UPLOAD_URL_TTL_MS } from "../media/token";
import { assertRoomFor } from "../media/upload";

const params = z.object({ id: CaseId });
const itemParams = z.object({ id: CaseId, mediaId: z.string().uuid() });

const FileField = z
  .custom<File>((value) => value instanceof File, "a file part named file")
  .openapi({ type: "string", format: "binary" });

/** The case and the caller's actor on it, once the caller may read it (anyone who may read a case may add to it). */
export async function caseForMedia(c: Context<AppEnv>, id: string): Promise<{ state: CaseState; actor: Actor }> {
  const state = await caseStub(c.env, id).snapshot();
  if (!state) throw new AppError("not_found", "no such case");
  const actor = actorFor(principalOf(c), "case:read", readScope(state));
  if (!actor) throw new AppError("forbidden", "this case lies outside your jurisdiction");
  return { state, actor };
}

/** The original goes to the agency, the departments on the case and the uploader; everyone else gets the public copy. */
function mayReadOriginal(principal: Principal, actor: Actor, item: MediaItem): boolean {
  return actor.role === "agency" || actor.role === "department" || principal.sub === item.uploaderSub;
}

export function itemOf(state: CaseState, mediaId: string): MediaItem {
  const item = state.media?.find((m) => m.mediaId === mediaId);
  if (!item) throw new AppError("not_found", "no such file on this case");
  return item;
}

/** Streams a stored object with its type; `copy` says which one it is. */
export async function streamObject(bucket: R2Bucket, key: string, item: MediaItem, copy: "original" | "public") {
  const object = await bucket.get(key);
  if (!object) throw new AppError("not_found", "the file is missing from the store");
  const headers = {
    "content-type": item.contentType,
    "content-length": String(object.size),
    "x-media-copy": copy,
    "cache-control": copy === "original" ? "private, no-store" : "public, max-age=86400",
  };
  return new Response(object.body, { status: 200, headers });
}

const binary = (description: string) => ({
  200: { description, content: { "application/octet-stream": { schema: z.string().openapi({ format: "binary" }) } } },
});

export const mediaRoutes = createRouter<AppEnv>()
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/cases/{id}/media",
      summary: "Attach a photo, video or document (multipart: file, stage, phase, lng/lat of the device)",
      request: {
        params,
        body: { content: { "multipart/form-data": { schema: MediaFields.extend({ file: FileField }) } } },
      },
      responses: { 201: { description: "the stored file", content: { "application/json": { schema: MediaItem } } } },
    }),
    async (c) => {
      assertDeclaredLength(c.req.header("content-length"));
      const { state, actor } = await caseForMedia(c, c.req.valid("param").id);
      const { file, ...fields } = c.req.valid("form");
      const upload = { bytes: new Uint8Array(await file.arrayBuffer()), name: file.name, type: file.type, fields };
      return c.json(await saveMedia(c.env, state, upload, actor, null), 201);
    },
  )
  .openapi(
    createRoute({
      method: "post",
      path: "/v1/cases/{id}/media/upload-url",
      summary: "A signed one-time URL to PUT one file to (valid 15 minutes, spent by its first upload)",
      request: { params, body: { content: { "application/json": { schema: MediaFields } } } },
      responses: { 201: { description: "the URL", content: { "application/json": { schema: UploadUrlAnswer } } } },
    }),
    async (c) => {
      const id = c.req.valid("param").id;
      const { state, actor } = await caseForMedia(c, id);
      assertRoomFor(state, actor);
      const exp = Date.now() + UPLOAD_URL_TTL_MS;
      const grant = { jti: crypto.randomUUID(), caseId: id, exp, fields: c.req.valid("json"), uploader: actor };
      const token = await signGrant(c.env.INTERNAL_TOKEN_SECRET, grant);
      const url = `/v1/public/cases/${id}/media/uploads/${token}`;
      return c.json({ url, expiresAt: new Date(exp).toISOString() }, 201);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/media",
      summary: "The files of a case",
      request: { params },
      responses: { 200: { description: "the files", content: { "application/json": { schema: MediaList } } } },
    }),
    async (c) => {
      const { state } = await caseForMedia(c, c.req.valid("param").id);
      return c.json({ items: state.media ?? [] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/v1/cases/{id}/media/{mediaId}",
      summary:
        "One file: the original for the agency, the case's departments and the uploader; else the copy without EXIF",
      request: { params: itemParams },
      responses: binary("the file's bytes (x-media-copy: original | public)"),
    }),
    async (c) => {
      const { id, mediaId } = c.req.valid("param");
      const { state, actor } = await caseForMedia(c, id);
      const item = itemOf(state, mediaId);
      if (mayReadOriginal(principalOf(c), actor, item))
        return streamObject(c.env.MEDIA, originalKey(id, mediaId), item, "original");
      if (!item.publicCopy)
        throw new AppError("forbidden", "only the case's officers and the uploader may read this file");
      return streamObject(c.env.MEDIA, publicKey(id, mediaId), item, "public");
    },
  );
