// Benchmark (not a test): a 5 MB photo uploaded to a case and read back through the gateway on local workerd. The
// upload is sniffed, hashed (SHA-256 into the case's event log), stripped of its EXIF for the public copy and both
// copies are written to R2; the read streams the original back to its uploader.
// Run: npm run bench -- media-gateway      (or: npx tsx infra/bench/media-gateway.ts [count] [concurrency] [MB])
import { createHash, randomBytes } from "node:crypto";
import os from "node:os";
import { generateCity } from "@civicgrid/demo-data";
import { mintDevToken } from "../local/token.mjs";
import { load, printResults } from "./load";

process.env.E2E_PORT ??= "8798";
const { E2E_ORIGIN: origin, startSystem, stopSystem } = await import("../../e2e/system");
const count = Number(process.argv[2] ?? 40);
const concurrency = Number(process.argv[3] ?? 4);
const megabytes = Number(process.argv[4] ?? 5);
/** A case takes at most 30 files: the uploads go round enough cases of the demo grid worker's grid. */
const PER_CASE = 20;
const grid = generateCity({}).grids.find((g) => g.code === "440703002101001")!;
const [lng, lat] = grid.center;

const segment = (marker: number, data: Buffer) =>
  Buffer.concat([Buffer.from([0xff, marker, (data.length + 2) >> 8, (data.length + 2) & 0xff]), data]);

/** A JPEG of `size` bytes: JFIF, an EXIF block (camera make), a quantisation table, then the scan up to the size. */
function photo(size: number): Buffer {
  const tiff = Buffer.alloc(38);
  tiff.write("II", 0, "latin1");
  tiff.writeUInt16LE(42, 2);
  tiff.writeUInt32LE(8, 4);
  tiff.writeUInt16LE(1, 8);
  tiff.writeUInt16LE(0x010f, 10); // Make, ASCII, 6 bytes at offset 26
  tiff.writeUInt16LE(2, 12);
  tiff.writeUInt32LE(6, 14);
  tiff.writeUInt32LE(26, 18);
  tiff.write("Canon\0", 26, "latin1");
  const head = Buffer.concat([
    Buffer.from([0xff, 0xd8]),
    segment(0xe0, Buffer.from([0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0])),
    segment(0xe1, Buffer.concat([Buffer.from("Exif\0\0", "latin1"), tiff])),
    segment(0xdb, Buffer.alloc(65, 1)),
    segment(0xda, Buffer.from([1, 1, 0, 0, 0x3f, 0])),
  ]);
  // Entropy-coded data never holds a bare 0xFF (it would read as a marker): the random scan avoids it.
  const scan = randomBytes(size - head.length - 2).map((b) => (b === 0xff ? 0xfe : b));
  return Buffer.concat([head, scan, Buffer.from([0xff, 0xd9])]);
}

console.log(`starting the system on ${origin} (${os.cpus().length} cores, ${os.cpus()[0]?.model})`);
const system = await startSystem();
try {
  const token = (await mintDevToken("demo-grid-worker")) as string;
  const auth = { authorization: `Bearer ${token}` };
  const cases: string[] = [];
  for (let i = 0; i < Math.ceil(count / PER_CASE); i++) {
    const res = await fetch(`${origin}/v1/cases`, {
      method: "POST",
      headers: { ...auth, "content-type": "application/json" },
      body: JSON.stringify({ title: `照片基准 ${i}`, description: "基准测试", categoryCode: "0801", lng, lat }),
    });
    if (res.status !== 201) throw new Error(`report: ${res.status} ${await res.text()}`);
    cases.push(((await res.json()) as { id: string }).id);
  }
  const bytes = photo(Math.round(megabytes * 1024 * 1024));
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const uploaded: { caseId: string; mediaId: string }[] = [];
  let hashMismatches = 0;
  const up = await load(`upload a ${megabytes} MB photo (POST multipart)`, count, concurrency, async (i) => {
    const caseId = cases[Math.floor(i / PER_CASE)]!;
    const form = new FormData();
    form.set("file", new Blob([new Uint8Array(bytes)], { type: "image/jpeg" }), `photo-${i}.jpg`);
    form.set("stage", "report");
    form.set("phase", "none");
    const res = await fetch(`${origin}/v1/cases/${caseId}/media`, { method: "POST", headers: auth, body: form });
    if (res.status === 201) {
      const item = (await res.clone().json()) as { mediaId: string; sha256: string };
      if (item.sha256 !== sha256) hashMismatches++;
      uploaded[i] = { caseId, mediaId: item.mediaId };
    }
    return res;
  });
  const done = uploaded.filter(Boolean);
  let readMismatches = 0;
  const down = await load(`read back the original (GET)`, done.length, concurrency, async (i) => {
    const { caseId, mediaId } = done[i]!;
    const res = await fetch(`${origin}/v1/cases/${caseId}/media/${mediaId}`, { headers: auth });
    if (res.ok) {
      const body = Buffer.from(await res.clone().arrayBuffer());
      if (createHash("sha256").update(body).digest("hex") !== sha256) readMismatches++;
    }
    return res;
  });
  let publicBytes = 0;
  const pub = await load(`read the public copy, EXIF stripped (no token)`, done.length, concurrency, async (i) => {
    const { caseId, mediaId } = done[i]!;
    const res = await fetch(`${origin}/v1/public/cases/${caseId}/media/${mediaId}`);
    if (res.ok) publicBytes = (await res.clone().arrayBuffer()).byteLength;
    return res;
  });
  printResults([up, down, pub]);
  const mb = bytes.length / 1024 / 1024;
  console.log(`public copy: ${publicBytes} bytes (the original ${bytes.length}: the EXIF block is gone)`);
  for (const r of [up, down, pub])
    console.log(`${r.label}: ${(((r.count - r.errors) * mb) / r.seconds).toFixed(1)} MB/s over ${r.count} requests`);
  console.log(
    `hashes: ${hashMismatches} upload answers and ${readMismatches} read-backs differ from the photo's SHA-256`,
  );
} finally {
  await stopSystem(system);
}
