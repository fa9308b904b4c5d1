import { Open311Created, Open311Request } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { base, seedPlatform } from "./helpers";
import { get, J, report } from "./open311";

beforeAll(async () => {
  await seedPlatform();
  await env.DB.prepare("UPDATE open311_clients SET requests_per_minute = 1000 WHERE id = 'app-test'").run();
});

/** A multipart POST requests with a `media` file part, as GeoReport v2 clients upload a photo. */
function postWithMedia(bytes: Uint8Array, name: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries(report)) form.append(k, v);
  form.append("media", new File([bytes], name, { type: "image/jpeg" }));
  return exports.default.fetch(`${base}/open311/v2/requests.json`, { method: "POST", body: form });
}

async function requestOf(res: Response) {
  const [answer] = z.array(Open311Created.element).parse(await res.json());
  const [resolved] = (await (await get(`v2/tokens/${answer?.token}.json?${J}`)).json()) as {
    service_request_id: string;
  }[];
  const [request] = z
    .array(Open311Request)
    .parse(await (await get(`v2/requests/${resolved?.service_request_id}.json?${J}`)).json());
  return { answer: answer!, request: request! };
}

describe("Open311 media (issue 16)", () => {
  it("stores a multipart media file with the case and answers its public copy as media_url", async () => {
    const res = await postWithMedia(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]), "a.jpg");
    expect(res.status).toBe(200);
    const { request } = await requestOf(res);
    expect(request.media_url).toMatch(new RegExp(`/v1/public/cases/${request.service_request_id}/media/m-7$`));
  });

  it("files the report without the media when the cases service refuses the file, and says so", async () => {
    const res = await postWithMedia(new TextEncoder().encode("MZ not a photo"), "a.jpg");
    expect(res.status).toBe(200);
    const { answer, request } = await requestOf(res);
    expect(answer.service_notice).toContain("the media was not stored: unsupported_media_type");
    expect(request.media_url).toBeNull();
  });
});
