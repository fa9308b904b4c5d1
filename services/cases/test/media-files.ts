import type { MediaItem, Principal } from "@civicgrid/contracts";
import { jsonAs } from "@civicgrid/testing";
import { exports } from "cloudflare:workers";

/** Builders of small but well-formed photos with metadata, and the multipart upload through the public API. */

const ascii = (text: string) => [...text].map((ch) => ch.charCodeAt(0));

/** A little-endian TIFF with a Make tag and a GPS IFD at `point`. */
function exifTiff(point: { lng: number; lat: number }): Uint8Array {
  const b = new Uint8Array(146);
  const v = new DataView(b.buffer);
  b.set(ascii("II"), 0);
  v.setUint16(2, 42, true);
  v.setUint32(4, 8, true);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    v.setUint32(at + 8, value, true);
  };
  v.setUint16(8, 2, true);
  entry(10, 0x010f, 2, 6, 38); // Make → "Canon"
  entry(22, 0x8825, 4, 1, 44); // GPS IFD
  b.set([...ascii("Canon"), 0], 38);
  v.setUint16(44, 4, true);
  entry(46, 1, 2, 2, 0);
  b.set(ascii(point.lat >= 0 ? "N" : "S"), 54);
  entry(58, 2, 5, 3, 98);
  entry(70, 3, 2, 2, 0);
  b.set(ascii(point.lng >= 0 ? "E" : "W"), 78);
  entry(82, 4, 5, 3, 122);
  const rationals = (at: number, degrees: number) => {
    const abs = Math.abs(degrees);
    const d = Math.floor(abs);
    const m = Math.floor((abs - d) * 60);
    const s = Math.round(((abs - d) * 60 - m) * 60 * 1000);
    [d, 1, m, 1, s, 1000].forEach((n, i) => v.setUint32(at + i * 4, n, true));
  };
  rationals(98, point.lat);
  rationals(122, point.lng);
  return b;
}

const segment = (marker: number, data: Uint8Array | number[]) => {
  const length = data.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...data];
};

/** A JPEG with EXIF (camera make, GPS at `point`), an IPTC block, a quantisation table and `pad` bytes of scan. */
export function jpeg(point: { lng: number; lat: number } | null, pad = 64): Uint8Array {
  const exif = point ? segment(0xe1, [...ascii("Exif"), 0, 0, ...exifTiff(point)]) : [];
  const head = [
    0xff,
    0xd8,
    ...segment(0xe0, [...ascii("JFIF"), 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]),
    ...exif,
    ...segment(0xed, [...ascii("Photoshop 3.0"), 0, 1, 2, 3]),
    ...segment(0xdb, new Array(65).fill(1)),
    ...segment(0xda, [1, 1, 0, 0, 0x3f, 0]),
  ];
  const out = new Uint8Array(head.length + pad + 2);
  out.set(head);
  out.fill(0x55, head.length, head.length + pad);
  out.set([0xff, 0xd9], head.length + pad);
  return out;
}

const pngChunk = (type: string, data: number[]) => {
  const n = data.length;
  return [n >>> 24, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff, ...ascii(type), ...data, 0, 0, 0, 0];
};

/** A PNG with a tEXt chunk naming the device. */
export function png(): Uint8Array {
  return new Uint8Array([
    0x89,
    0x50,
    0x4e,
    0x47,
    0x0d,
    0x0a,
    0x1a,
    0x0a,
    ...pngChunk("IHDR", [0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]),
    ...pngChunk("tEXt", [...ascii("Model"), 0, ...ascii("iPhone 15")]),
    ...pngChunk("IDAT", [1, 2, 3, 4]),
    ...pngChunk("IEND", []),
  ]);
}

export const contains = (bytes: Uint8Array, text: string) => new TextDecoder("latin1").decode(bytes).includes(text);

/** POSTs one multipart upload as `principal`. */
export async function upload(
  principal: Principal,
  caseId: string,
  bytes: Uint8Array,
  fields: Record<string, string> = {},
  file: { name?: string; type?: string } = {},
): Promise<Response> {
  const form = new FormData();
  form.set("file", new File([bytes], file.name ?? "photo.jpg", { type: file.type ?? "image/jpeg" }));
  form.set("stage", fields.stage ?? "report");
  for (const [key, value] of Object.entries(fields)) if (key !== "stage") form.set(key, value);
  const init = await jsonAs(principal, "POST", undefined);
  const headers = new Headers(init.headers);
  headers.delete("content-type");
  return exports.default.fetch(`http://cases/v1/cases/${caseId}/media`, { ...init, headers, body: form });
}

export async function uploaded(...args: Parameters<typeof upload>): Promise<MediaItem> {
  const res = await upload(...args);
  if (res.status !== 201) throw new Error(`upload failed ${res.status}: ${await res.text()}`);
  return res.json<MediaItem>();
}

export async function sha256(bytes: Uint8Array): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", bytes));
  return [...digest].map((b) => b.toString(16).padStart(2, "0")).join("");
}
