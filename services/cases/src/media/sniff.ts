import type { MediaKind } from "@civicgrid/contracts";

/** What the bytes are, by their magic numbers alone (never the file name or the declared type). */
export interface Sniffed {
  kind: MediaKind;
  contentType: string;
}

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  bytes.length >= at + text.length && [...text].every((ch, i) => bytes[at + i] === ch.charCodeAt(0));

const startsWith = (bytes: Uint8Array, magic: number[]) =>
  bytes.length >= magic.length && magic.every((b, i) => bytes[i] === b);

/** ISO base media (MP4, MOV, HEIC): an `ftyp` box first, its major brand says which. */
function isoBrand(bytes: Uint8Array): string | null {
  if (!ascii(bytes, 4, "ftyp") || bytes.length < 12) return null;
  return String.fromCharCode(...bytes.subarray(8, 12));
}

const HEIC_BRANDS = new Set(["heic", "heix", "mif1", "msf1", "heim", "heis"]);
const MP4_BRANDS = new Set(["isom", "iso2", "mp41", "mp42", "avc1", "dash", "M4V ", "mmp4", "3gp4", "3gp5"]);

/** The file's kind and true content type, or null for anything not accepted (JPEG, PNG, WebP, HEIC, MP4, MOV, PDF). */
export function sniff(bytes: Uint8Array): Sniffed | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { kind: "photo", contentType: "image/jpeg" };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { kind: "photo", contentType: "image/png" };
  if (ascii(bytes, 0, "RIFF") && ascii(bytes, 8, "WEBP")) return { kind: "photo", contentType: "image/webp" };
  if (ascii(bytes, 0, "%PDF-")) return { kind: "document", contentType: "application/pdf" };
  const brand = isoBrand(bytes);
  if (brand && HEIC_BRANDS.has(brand)) return { kind: "photo", contentType: "image/heic" };
  if (brand === "qt  ") return { kind: "video", contentType: "video/quicktime" };
  if (brand && MP4_BRANDS.has(brand)) return { kind: "video", contentType: "video/mp4" };
  return null;
}

/** What a declared type or file extension claims, to refuse a file that lies about itself. */
const CLAIMS: Record<string, string> = {
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  png: "image/png",
  webp: "image/webp",
  heic: "image/heic",
  heif: "image/heic",
  mp4: "video/mp4",
  m4v: "video/mp4",
  mov: "video/quicktime",
  pdf: "application/pdf",
};

/**
 * Why the name or declared type contradicts the sniffed type, or null when they agree or claim nothing known.
 * A generic declared type (application/octet-stream, empty) claims nothing.
 */
export function lie(sniffed: Sniffed, fileName: string, declaredType: string): string | null {
  const extension = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const byName = extension ? CLAIMS[extension] : undefined;
  if (extension && byName !== sniffed.contentType)
    return `the file is ${sniffed.contentType} by its content, but its name ends in .${extension}`;
  const declared = declaredType.split(";")[0]!.trim().toLowerCase();
  const generic = declared === "" || declared === "application/octet-stream";
  const same = declared === sniffed.contentType || (declared === "image/heif" && sniffed.contentType === "image/heic");
  if (!generic && !same) return `the file is ${sniffed.contentType} by its content, not ${declared} as declared`;
  return null;
}
