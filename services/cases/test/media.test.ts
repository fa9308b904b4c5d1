import { principals } from "@civicgrid/testing";
import type { ArchiveVerification, CaseArchive, CaseView, MediaItem } from "@civicgrid/contracts";
import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { act, call, HERE, outboxEvents, report, step } from "./helpers";
import { contains, jpeg, png, sha256, upload, uploaded } from "./media-files";

const read = (id: string) => call(principals.countyAgency, "GET", `/v1/cases/${id}`).then((r) => r.json<CaseView>());
const problem = (res: Response) => res.json<{ status: number; errors?: { field: string }[]; detail: string }>();
const publicFile = (caseId: string, mediaId: string) =>
  exports.default.fetch(`http://cases/v1/public/cases/${caseId}/media/${mediaId}`);

describe("case media: upload, sniffing and limits", () => {
  it("stores the original, logs its SHA-256 and lists it", async () => {
    const c = await report(principals.gridWorker);
    const bytes = jpeg(HERE);
    const item = await uploaded(principals.gridWorker, c.id, bytes, { stage: "report" });
    expect(item).toMatchObject({ kind: "photo", contentType: "image/jpeg", size: bytes.length, far: false });
    expect(item.sha256).toBe(await sha256(bytes));
    expect(item.takenAt!.lng).toBeCloseTo(HERE.lng, 4);

    const archive = await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive`);
    const logged = (await archive.json<CaseArchive>()).events.find((e) => e.type === "case.media_attached");
    expect(logged?.payload).toMatchObject({ mediaId: item.mediaId, sha256: item.sha256, stage: "report" });
    expect(logged?.hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await read(c.id)).media?.map((m) => m.mediaId)).toEqual([item.mediaId]);
    const list = await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/media`);
    expect((await list.json<{ items: MediaItem[] }>()).items).toHaveLength(1);
  });

  it("refuses a lying extension or declared type and unknown bytes (415 naming file), writing nothing", async () => {
    const c = await report(principals.gridWorker);
    const cases = [
      { bytes: png(), file: { name: "photo.jpg", type: "image/jpeg" } },
      { bytes: jpeg(null), file: { name: "scan.pdf", type: "application/pdf" } },
      { bytes: jpeg(null), file: { name: "photo", type: "application/pdf" } },
      { bytes: new TextEncoder().encode("<html>hello</html>"), file: { name: "x.png", type: "image/png" } },
    ];
    for (const { bytes, file } of cases) {
      const res = await upload(principals.gridWorker, c.id, bytes, {}, file);
      expect(res.status).toBe(415);
      expect(res.headers.get("content-type")).toContain("application/problem+json");
      expect((await problem(res)).errors?.[0]?.field).toBe("file");
    }
    // A generic declared type and a truthful name pass.
    expect((await upload(principals.gridWorker, c.id, png(), {}, { name: "a.png", type: "" })).status).toBe(201);
    expect((await read(c.id)).media).toHaveLength(1);
  });

  it("refuses a photo over 10 MB (413) and the 31st file of a case (422)", async () => {
    const c = await report(principals.gridWorker);
    const big = await upload(principals.gridWorker, c.id, jpeg(null, 10 * 1024 * 1024));
    expect(big.status).toBe(413);
    expect((await problem(big)).errors?.[0]?.field).toBe("file");
    for (let i = 0; i < 30; i++) await uploaded(principals.gridWorker, c.id, jpeg(null, i));
    const over = await upload(principals.gridWorker, c.id, jpeg(null));
    expect(over.status).toBe(422);
    expect((await problem(over)).detail).toContain("at most 30 files");
    expect((await read(c.id)).media).toHaveLength(30);
  });

  it("refuses a caller outside the case's jurisdiction", async () => {
    const c = await report(principals.gridWorker);
    expect((await upload(principals.otherCountyAgency, c.id, jpeg(null))).status).toBe(403);
  });
});

describe("case media: EXIF and who reads the original", () => {
  it("serves the public copy without EXIF/IPTC; the original keeps it for officers and the uploader", async () => {
    const c = await report(principals.resident);
    const bytes = jpeg(HERE);
    const item = await uploaded(principals.resident, c.id, bytes);
    expect(item.publicCopy).toBe(true);

    const pub = await publicFile(c.id, item.mediaId);
    expect(pub.status).toBe(200);
    const stripped = new Uint8Array(await pub.arrayBuffer());
    expect(contains(stripped, "Exif")).toBe(false);
    expect(contains(stripped, "Canon")).toBe(false);
    expect(contains(stripped, "Photoshop")).toBe(false);
    expect(contains(stripped, "JFIF")).toBe(true);
    expect([stripped[0], stripped[1], stripped.at(-2), stripped.at(-1)]).toEqual([0xff, 0xd8, 0xff, 0xd9]);

    for (const p of [principals.countyAgency, principals.resident]) {
      const res = await call(p, "GET", `/v1/cases/${c.id}/media/${item.mediaId}`);
      expect(res.headers.get("x-media-copy")).toBe("original");
      const original = new Uint8Array(await res.arrayBuffer());
      expect(contains(original, "Canon")).toBe(true);
      expect(await sha256(original)).toBe(item.sha256);
    }
  });

  it("gives a reader who is neither officer nor uploader only the stripped copy; strips PNG text chunks", async () => {
    const c = await report(principals.resident);
    const item = await uploaded(principals.gridWorker, c.id, png(), {}, { name: "p.png", type: "image/png" });
    const asReporter = await call(principals.resident, "GET", `/v1/cases/${c.id}/media/${item.mediaId}`);
    expect(asReporter.headers.get("x-media-copy")).toBe("public");
    expect(contains(new Uint8Array(await asReporter.arrayBuffer()), "iPhone")).toBe(false);
    const asUploader = await call(principals.gridWorker, "GET", `/v1/cases/${c.id}/media/${item.mediaId}`);
    expect(contains(new Uint8Array(await asUploader.arrayBuffer()), "iPhone")).toBe(true);
  });
});

describe("case media: the archive proves files were not swapped", () => {
  it("verify re-hashes each stored original and names the one overwritten behind the API's back", async () => {
    const c = await report(principals.gridWorker);
    const kept = await uploaded(principals.gridWorker, c.id, jpeg(HERE));
    const swapped = await uploaded(principals.gridWorker, c.id, jpeg(HERE, 128));
    const before = await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive/verify`);
    expect(await before.json<ArchiveVerification>()).toMatchObject({ valid: true, mediaMismatches: [] });

    await env.MEDIA.put(`cases/${c.id}/${swapped.mediaId}/original`, jpeg(null, 128));
    const after = await (
      await call(principals.countyAgency, "GET", `/v1/cases/${c.id}/archive/verify`)
    ).json<ArchiveVerification>();
    expect(after.valid).toBe(false);
    expect(after.mediaMismatches).toEqual([
      { mediaId: swapped.mediaId, expected: swapped.sha256, actual: expect.any(String) },
    ]);
    expect(after.mediaMismatches!.map((m) => m.mediaId)).not.toContain(kept.mediaId);
  });
});

describe("case media: before/after photos and the far flag", () => {
  it("holds resolve-on-site until a before and an after photo of the resolution are attached", async () => {
    const c = await step(principals.gridWorker, await report(principals.gridWorker, { categoryCode: "P01" }), "verify");
    expect(c.beforeAfterPhotos).toEqual(["resolve-on-site", "handle"]);
    const resolve = async () => act(principals.gridWorker, await read(c.id), "resolve-on-site", { outcome: "已修复" });
    const refused = await resolve();
    expect(refused.status).toBe(409);
    expect((await problem(refused)).detail).toContain("missing: before, after");

    await uploaded(principals.gridWorker, c.id, jpeg(HERE), { stage: "resolution", phase: "before" });
    // An after photo of another stage does not count.
    await uploaded(principals.gridWorker, c.id, jpeg(HERE), { stage: "report", phase: "after" });
    const still = await resolve();
    expect(still.status).toBe(409);
    expect((await problem(still)).detail).toContain("missing: after");
    const after = await uploaded(principals.gridWorker, c.id, jpeg(HERE), { stage: "resolution", phase: "after" });
    const done = await resolve();
    expect(done.status).toBe(200);
    expect((await done.json<CaseView>()).media?.at(-1)?.mediaId).toBe(after.mediaId);
  });

  it("does not hold a matter that asks for no photos", async () => {
    const c = await step(principals.gridWorker, await report(principals.gridWorker), "verify");
    expect((await act(principals.gridWorker, c, "resolve-on-site", { outcome: "已修复" })).status).toBe(200);
  });

  it("flags a grid worker's photo taken far from the case (EXIF or sent point), not an agency's", async () => {
    const c = await report(principals.gridWorker);
    const far = { lng: HERE.lng + 0.03, lat: HERE.lat }; // about 3 km east
    const byExif = await uploaded(principals.gridWorker, c.id, jpeg(far));
    expect(byExif).toMatchObject({ far: true });
    expect(byExif.distanceMeters).toBeGreaterThan(2500);
    const bySent = await uploaded(principals.gridWorker, c.id, jpeg(null), {
      lng: String(far.lng),
      lat: String(far.lat),
    });
    expect(bySent.far).toBe(true);
    expect((await uploaded(principals.gridWorker, c.id, jpeg(HERE))).far).toBe(false);
    expect((await uploaded(principals.countyAgency, c.id, jpeg(far))).far).toBe(false);
    const event = (await outboxEvents(c.id)).find((e) => e.data.details?.mediaId === byExif.mediaId);
    expect(event?.data.details?.far).toBe(true);
  });
});

describe("case media: the signed one-time upload URL", () => {
  it("takes one PUT and refuses the second; a forged token is refused", async () => {
    const c = await report(principals.gridWorker);
    const res = await call(principals.gridWorker, "POST", `/v1/cases/${c.id}/media/upload-url`, { stage: "report" });
    expect(res.status).toBe(201);
    const { url } = await res.json<{ url: string; expiresAt: string }>();
    const put = () =>
      exports.default.fetch(`http://cases${url}`, {
        method: "PUT",
        headers: { "content-type": "image/jpeg", "x-file-name": "p.jpg" },
        body: jpeg(HERE),
      });
    const first = await put();
    expect(first.status).toBe(201);
    expect(await first.json<MediaItem>()).toMatchObject({ uploaderSub: principals.gridWorker.sub, stage: "report" });
    const second = await put();
    expect(second.status).toBe(409);
    expect((await read(c.id)).media).toHaveLength(1);

    // A character inside the signature (the last one may hold only base64url padding bits, which decode the same).
    const at = url.length - 10;
    const forged = url.slice(0, at) + (url[at] === "A" ? "B" : "A") + url.slice(at + 1);
    const bad = await exports.default.fetch(`http://cases${forged}`, { method: "PUT", body: jpeg(HERE) });
    expect(bad.status).toBe(403);
  });
});

describe("case media: a file sent with an Open311 report (RPC)", () => {
  it("attaches it as the anonymous reporter's and answers the public path of the stripped copy", async () => {
    const c = await report(principals.resident);
    const attached = await exports.default.attachResidentMedia(c.id, { bytes: jpeg(HERE), name: "a.jpg", type: "" });
    expect(attached.publicPath).toBe(`/v1/public/cases/${c.id}/media/${attached.mediaId}`);
    const pub = await exports.default.fetch(`http://cases${attached.publicPath}`);
    expect(contains(new Uint8Array(await pub.arrayBuffer()), "Canon")).toBe(false);
    let refused = "";
    try {
      await exports.default.attachResidentMedia(c.id, { bytes: png(), name: "a.jpg", type: "" });
    } catch (error) {
      refused = error instanceof Error ? error.message : String(error);
    }
    expect(refused).toContain("unsupported_media_type");
  });
});
