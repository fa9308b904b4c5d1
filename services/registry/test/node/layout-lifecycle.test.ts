import { describe, expect, it } from "vitest";
import {
  decideLayout,
  issuerOf,
  LAYOUT_LIFECYCLE,
  statusRefusal,
  type LayoutCommand,
  type LayoutStatus,
} from "../../src/domain/layout-lifecycle";

const STATUSES: LayoutStatus[] = ["draft", "submitted", "returned", "accepted"];
const base = { actor: "t-city", now: "2026-03-01T00:00:00.000Z", today: "2026-03-01" };
const clean = { overlaps: [], outside: [], gaps: [], warnings: [], unchecked: [] };

describe("the layout filing lifecycle (备案, Jiangmen 第八条)", () => {
  it("lets each command start only from its statuses", () => {
    const allowed: Record<Exclude<LayoutCommand, "open">, LayoutStatus[]> = {
      edit: ["draft", "returned"],
      submit: ["draft", "returned"],
      return: ["submitted"],
      accept: ["submitted"],
    };
    for (const [command, from] of Object.entries(allowed) as [Exclude<LayoutCommand, "open">, LayoutStatus[]][]) {
      for (const status of STATUSES) {
        const refused = statusRefusal(command, { id: "440703-1", status });
        if (from.includes(status)) expect(refused, `${command} from ${status}`).toBeNull();
        else
          expect(refused, `${command} from ${status}`).toMatchObject({
            refused: "invalid_transition",
            extra: { allowed: from },
          });
      }
    }
  });

  it("is issued by the county for its own layout and reviewed by the city it files with, never the county", () => {
    expect(issuerOf("open", "440703000000")).toEqual({ action: "grid:write", divisionCode: "440703000000" });
    expect(issuerOf("submit", "440703000000")).toEqual({ action: "grid:file", divisionCode: "440703000000" });
    expect(issuerOf("return", "440703000000")).toEqual({ action: "grid:review-filing", divisionCode: "440700000000" });
    expect(issuerOf("accept", "440703000000")).toEqual({ action: "grid:review-filing", divisionCode: "440700000000" });
  });

  it("submits only a layout that changes something and covers its villages without gaps or overlaps", () => {
    expect(decideLayout("submit", { ...base, changeCount: 0 })).toMatchObject({ refused: "unprocessable" });
    const gap = {
      ...clean,
      gaps: [{ villageCode: "440703001001", areaM2: 10, geometry: { type: "Polygon", coordinates: [] } }],
    };
    expect(decideLayout("submit", { ...base, changeCount: 1, findings: gap as never })).toMatchObject({
      refused: "unprocessable",
      extra: { findings: gap },
    });
    expect(decideLayout("submit", { ...base, changeCount: 1, findings: clean, note: "n" })).toEqual({
      status: "submitted",
      submittedBy: "t-city",
      submittedAt: base.now,
      note: "n",
      reviewReasons: [],
    });
  });

  it("returns a layout only with reasons", () => {
    expect(decideLayout("return", { ...base, reasons: [] })).toMatchObject({
      refused: "validation_failed",
      errors: [{ field: "body.reasons" }],
    });
    expect(decideLayout("return", { ...base, reasons: ["名称不规范"] })).toMatchObject({
      status: "returned",
      reviewReasons: ["名称不规范"],
    });
  });

  it("accepts a layout taking effect today or later, and not before the county's last accepted one", () => {
    const refused = (effectiveDate: string, lastEffectiveDate: string | null) =>
      decideLayout("accept", { ...base, effectiveDate, lastEffectiveDate });
    expect(refused("2026-02-28", null)).toMatchObject({
      refused: "unprocessable",
      errors: [{ field: "body.effectiveDate", message: "must be 2026-03-01 or later" }],
    });
    expect(refused("2026-03-05", "2026-03-10")).toMatchObject({ errors: [{ message: "must be 2026-03-10 or later" }] });
    expect(refused("2026-03-01", "2025-01-01")).toMatchObject({
      status: "accepted",
      effectiveDate: "2026-03-01",
      reviewedBy: "t-city",
    });
  });

  it("announces each filing step, and only those", () => {
    expect(Object.fromEntries(Object.entries(LAYOUT_LIFECYCLE).map(([k, e]) => [k, e.event]))).toEqual({
      open: null,
      edit: null,
      submit: "registry.layout.submitted",
      return: "registry.layout.returned",
      accept: "registry.layout.accepted",
    });
  });
});
