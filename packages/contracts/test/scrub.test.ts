import { describe, expect, it } from "vitest";
import { scrubPublicText } from "../src";

describe("scrubPublicText: personal data typed into public free text", () => {
  it("masks mobile numbers, with or without +86 and separators", () => {
    expect(scrubPublicText("路灯坏了，联系我13812345678")).toBe("路灯坏了，联系我138******78");
    expect(scrubPublicText("电话 +86 138-1234-5678 谢谢")).not.toMatch(/1234/);
  });
  it("masks landlines and ID numbers (18 and 15 digits)", () => {
    expect(scrubPublicText("座机0750-3123456")).not.toMatch(/3123456/);
    expect(scrubPublicText("身份证440703199001011234")).toBe("身份证440*************34");
    expect(scrubPublicText("老证号440703900101123")).not.toMatch(/900101/);
  });
  it("hides e-mail addresses", () => {
    expect(scrubPublicText("请回复 zhang.san@example.com")).toBe("请回复 [邮箱已隐藏]");
  });
  it("leaves ordinary text, house numbers and dates alone", () => {
    const text = "建设路12号3栋，2026-11-30 发现井盖缺失，约200米";
    expect(scrubPublicText(text)).toBe(text);
    expect(scrubPublicText(null)).toBeNull();
  });
});
