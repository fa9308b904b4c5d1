import type { MediaItem } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, HERE } from "./helpers";
import { jpeg } from "./media-files";

async function anonymousReport(): Promise<{ id: string; followToken: string }> {
  const res = await exports.default.fetch("http://cases/v1/public/cases", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ title: "井盖缺失", description: "人行道井盖缺失", categoryCode: "A01", ...HERE }),
  });
  expect(res.status).toBe(201);
  return res.json();
}

const uploadUrl = (id: string, token: string, body: unknown = {}) =>
  exports.default.fetch(`http://cases/v1/public/cases/${id}/media/upload-url`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-follow-token": token },
    body: JSON.stringify(body),
  });

describe("case media: a resident without a login attaches a photo with the follow token", () => {
  it("gets a one-time URL for a report photo, attached as the token's holder; a stranger's token gets 404", async () => {
    const mine = await anonymousReport();
    const other = await anonymousReport();
    expect((await uploadUrl(mine.id, other.followToken)).status).toBe(404);
    expect((await uploadUrl(mine.id, "0".repeat(32))).status).toBe(404);

    // The stage is always the report's, whatever the body says.
    const res = await uploadUrl(mine.id, mine.followToken, { ...HERE, stage: "check" });
    expect(res.status).toBe(201);
    const { url } = await res.json<{ url: string }>();
    const put = await exports.default.fetch(`http://cases${url}`, {
      method: "PUT",
      headers: { "content-type": "image/jpeg" },
      body: jpeg(HERE),
    });
    expect(put.status).toBe(201);
    expect(await put.json<MediaItem>()).toMatchObject({
      stage: "report",
      uploaderSub: `follow-token:${mine.id}`,
      uploaderRole: "resident",
    });
    const listed = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${mine.id}/media`)
    ).json<{
      items: MediaItem[];
    }>();
    expect(listed.items).toHaveLength(1);
  });
});
