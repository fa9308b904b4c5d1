/**
 * Metadata of photos: the copy for public surfaces without EXIF/XMP/IPTC (GPS, device), and the GPS point of a
 * JPEG's EXIF for the far-photo flag. Pure byte work on the three formats we can rewrite safely.
 */

const JPEG_DROPPED = new Set([0xe1, 0xed]); // APP1 (EXIF, XMP), APP13 (IPTC / Photoshop)
const PNG_DROPPED = new Set(["eXIf", "tEXt", "iTXt", "zTXt"]);
const WEBP_DROPPED = new Set(["EXIF", "XMP "]);
const VP8X_EXIF_XMP = 0x08 | 0x04;

const fourcc = (b: Uint8Array, at: number) => String.fromCharCode(b[at]!, b[at + 1]!, b[at + 2]!, b[at + 3]!);

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** JPEG segments up to the scan; the APP1/APP13 ones dropped, the rest (and the image data) copied as is. */
function stripJpeg(b: Uint8Array): Uint8Array | null {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  while (at + 4 <= b.length) {
    if (b[at] !== 0xff) return null;
    const marker = b[at + 1]!;
    if (marker === 0xff) {
      at += 1;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) {
      parts.push(b.subarray(at));
      return concat(parts);
    }
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    const end = at + 2 + length;
    if (length < 2 || end > b.length) return null;
    if (!JPEG_DROPPED.has(marker)) parts.push(b.subarray(at, end));
    at = end;
  }
  return null;
}

function stripPng(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  while (at + 12 <= b.length) {
    const end = at + 12 + view.getUint32(at);
    if (end > b.length) return null;
    const type = fourcc(b, at + 4);
    if (!PNG_DROPPED.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === "IEND") return concat(parts);
  }
  return null;
}

/** WebP chunks without EXIF and XMP; the VP8X flags and the RIFF size rewritten to match. */
function stripWebp(b: Uint8Array): Uint8Array | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const parts: Uint8Array[] = [];
  let at = 12;
  while (at + 8 <= b.length) {
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > b.length) return null;
    const type = fourcc(b, at);
    if (!WEBP_DROPPED.has(type)) {
      const chunk = b.slice(at, Math.min(end, b.length));
      if (type === "VP8X") chunk[8] = chunk[8]! & ~VP8X_EXIF_XMP;
      parts.push(chunk);
    }
    at = end;
  }
  const body = concat(parts);
  const header = b.slice(0, 12);
  new DataView(header.buffer).setUint32(4, body.length + 4, true);
  return concat([header, body]);
}

/** The photo without its metadata, or null when this type cannot be rewritten (HEIC) or the file is malformed. */
export function stripMetadata(bytes: Uint8Array, contentType: string): Uint8Array | null {
  if (contentType === "image/jpeg") return stripJpeg(bytes);
  if (contentType === "image/png") return stripPng(bytes);
  if (contentType === "image/webp") return stripWebp(bytes);
  return null;
}

/** The TIFF block of a JPEG's EXIF APP1 segment, or null. */
function exifTiff(b: Uint8Array): Uint8Array | null {
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return null;
    const length = (b[at + 2]! << 8) | b[at + 3]!;
    if (marker === 0xe1 && fourcc(b, at + 4) === "Exif") return b.subarray(at + 10, at + 2 + length);
    at += 2 + length;
  }
  return null;
}

const GPS_IFD = 0x8825;

/** Reads IFD entries: tag → { type, count, value offset field position }. */
function entries(view: DataView, ifd: number, le: boolean) {
  const map = new Map<number, { count: number; field: number }>();
  const n = view.getUint16(ifd, le);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    map.set(view.getUint16(e, le), { count: view.getUint32(e + 4, le), field: e + 8 });
  }
  return map;
}

/** The GPS point in a JPEG's EXIF (WGS84 degrees), or null when it has none or it cannot be read. */
export function gpsOf(bytes: Uint8Array, contentType: string): { lng: number; lat: number } | null {
  if (contentType !== "image/jpeg") return null;
  const tiff = exifTiff(bytes);
  if (!tiff || tiff.length < 8) return null;
  try {
    const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
    const le = fourcc(tiff, 0).startsWith("II");
    const ifd0 = entries(view, view.getUint32(4, le), le);
    const pointer = ifd0.get(GPS_IFD);
    if (!pointer) return null;
    const gps = entries(view, view.getUint32(pointer.field, le), le);
    const degrees = (tag: number) => {
      const entry = gps.get(tag);
      if (!entry || entry.count !== 3) return null;
      const at = view.getUint32(entry.field, le);
      const part = (i: number) => view.getUint32(at + i * 8, le) / view.getUint32(at + i * 8 + 4, le);
      return part(0) + part(1) / 60 + part(2) / 3600;
    };
    const ref = (tag: number) => String.fromCharCode(tiff[gps.get(tag)?.field ?? 0] ?? 0);
    const lat = degrees(2);
    const lng = degrees(4);
    if (lat === null || lng === null || !Number.isFinite(lat) || !Number.isFinite(lng)) return null;
    return { lat: ref(1) === "S" ? -lat : lat, lng: ref(3) === "W" ? -lng : lng };
  } catch {
    return null;
  }
}
