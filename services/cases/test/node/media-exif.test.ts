import { describe, expect, it } from "vitest";
import { stripMetadata } from "../../src/media/exif";
import { sniff } from "../../src/media/sniff";

const ascii = (t: string) => [...t].map((c) => c.charCodeAt(0));
const chunk = (type: string, data: number[]) => {
  const n = data.length;
  return [...ascii(type), n & 0xff, (n >> 8) & 0xff, 0, 0, ...data, ...(n % 2 ? [0] : [])];
};

/** A WebP with VP8X (EXIF and XMP flags set), image data, and EXIF and XMP chunks. */
function webp(): Uint8Array {
  const body = [
    ...ascii("WEBP"),
    ...chunk("VP8X", [0x0c, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ...chunk("VP8 ", [1, 2, 3, 4, 5]),
    ...chunk("EXIF", ascii("II*\u0000Canon GPS")),
    ...chunk("XMP ", ascii("<x:xmpmeta/>")),
  ];
  const n = body.length;
  return new Uint8Array([...ascii("RIFF"), n & 0xff, (n >> 8) & 0xff, 0, 0, ...body]);
}

describe("WebP metadata", () => {
  it("drops the EXIF and XMP chunks, clears their VP8X flags and fixes the RIFF size", () => {
    const out = stripMetadata(webp(), "image/webp")!;
    const text = new TextDecoder("latin1").decode(out);
    expect(text).not.toContain("Canon");
    expect(text).not.toContain("xmpmeta");
    expect(text).toContain("VP8 ");
    expect(out[20]! & 0x0c).toBe(0);
    expect(new DataView(out.buffer).getUint32(4, true)).toBe(out.length - 8);
    expect(sniff(out)).toEqual({ kind: "photo", contentType: "image/webp" });
  });
});
