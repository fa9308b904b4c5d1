import type { MediaItem } from "@civicgrid/contracts";
import { principals } from "@civicgrid/testing";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { call, HERE, report } from "./helpers";
import { jpeg, uploaded } from "./media-files";

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

/** A signed upload URL for the token's holder (the answer must be 201). */
async function urlFor(id: string, token: string): Promise<string> {
  const res = await uploadUrl(id, token);
  expect(res.status).toBe(201);
  return (await res.json<{ url: string }>()).url;
}

const put = (url: string, pad: number) =>
  exports.default.fetch(`http://cases${url}`, {
    method: "PUT",
    headers: { "content-type": "image/jpeg" },
    body: jpeg(null, 64 + pad),
  });

const mediaOf = async (id: string) =>
  (await (await call(principals.countyAgency, "GET", `/v1/cases/${id}/media`)).json<{ items: MediaItem[] }>()).items;

type Problem = { status: number; detail: string; errors?: { field: string }[] };

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

describe("case media: the public's photos per case are capped at 9", () => {
  it("refuses the 10th photo's URL with 422 problem+json naming the limit; a worker's photo still fits", async () => {
    const mine = await anonymousReport();
    for (let i = 0; i < 9; i++) expect((await put(await urlFor(mine.id, mine.followToken), i)).status).toBe(201);
    const over = await uploadUrl(mine.id, mine.followToken);
    expect(over.status).toBe(422);
    expect(over.headers.get("content-type")).toContain("application/problem+json");
    const problem = await over.json<Problem>();
    expect(problem.detail).toContain("最多上传 9 张照片");
    expect(problem.detail).toContain("at most 9 photos");
    expect(problem.errors?.[0]?.field).toBe("file");
    expect(await mediaOf(mine.id)).toHaveLength(9);
    // The cap is the public's: the case's own workers still attach theirs.
    await uploaded(principals.gridWorker, mine.id, jpeg(null, 999), { stage: "report" });
    expect(await mediaOf(mine.id)).toHaveLength(10);
  });

  it("holds where the photo is recorded: two uploads racing for the last place, one is refused", async () => {
    const mine = await anonymousReport();
    for (let i = 0; i < 8; i++) expect((await put(await urlFor(mine.id, mine.followToken), i)).status).toBe(201);
    // Both URLs were issued while there was room; the uploads run at once.
    const urls = [await urlFor(mine.id, mine.followToken), await urlFor(mine.id, mine.followToken)];
    const answers = await Promise.all(urls.map((url, i) => put(url, 100 + i)));
    expect(answers.map((r) => r.status).sort()).toEqual([201, 422]);
    const refused = answers.find((r) => r.status === 422)!;
    expect(refused.headers.get("content-type")).toContain("application/problem+json");
    expect((await refused.json<Problem>()).detail).toContain("at most 9 photos");
    expect(await mediaOf(mine.id)).toHaveLength(9);

    // The case's object itself refuses a 10th file from the public, whatever was asked before it.
    const stub = env.CASE.get(env.CASE.idFromName(mine.id));
    const [last] = (await mediaOf(mine.id)).slice(-1);
    const actor = { sub: `follow-token:${mine.id}`, role: "resident", unit: "440703001001" };
    const attached = await stub.attachMedia({ ...last!, mediaId: crypto.randomUUID() }, actor, null);
    expect(attached).toMatchObject({ ok: false, code: "unprocessable" });
    expect(await mediaOf(mine.id)).toHaveLength(9);
  });

  it("counts a signed-in resident's files too, whatever stage they name", async () => {
    const c = await report(principals.resident);
    for (let i = 0; i < 9; i++)
      await uploaded(principals.resident, c.id, jpeg(null, 64 + i), { stage: i % 2 ? "report" : "handling" });
    const res = await call(principals.resident, "POST", `/v1/cases/${c.id}/media/upload-url`, { stage: "check" });
    expect(res.status).toBe(422);
    expect((await res.json<Problem>()).detail).toContain("at most 9 photos");
  });
});
