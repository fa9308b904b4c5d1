import { describe, expect, it } from "vitest";
import { bodyLimitOf } from "../src/domain/body-limits";

const MiB = 1024 * 1024;
const limits = { MAX_BODY_BYTES: MiB, MAX_IMPORT_BODY_BYTES: 50 * MiB, MAX_MEDIA_BODY_BYTES: 51 * MiB };

describe("issue 16 media: upload bodies", () => {
  it("lets a case file upload (multipart POST, signed URL PUT) take the media limit, nothing else", () => {
    expect(bodyLimitOf("POST", "/v1/cases/CASE-20260315-ABCDEFGHJK/media", limits)).toBe(51 * MiB);
    expect(bodyLimitOf("put", "/v1/public/cases/CASE-20260315-ABCDEFGHJK/media/uploads/abc.def", limits)).toBe(
      51 * MiB,
    );
    expect(bodyLimitOf("POST", "/v1/cases/CASE-20260315-ABCDEFGHJK/media/upload-url", limits)).toBe(MiB);
    expect(bodyLimitOf("GET", "/v1/cases/CASE-20260315-ABCDEFGHJK/media", limits)).toBe(MiB);
    expect(bodyLimitOf("POST", "/v1/cases/CASE-20260315-ABCDEFGHJK/verify", limits)).toBe(MiB);
    expect(bodyLimitOf("POST", "/v1/cases/x/y/media", limits)).toBe(MiB);
  });
});
