import { describe, expect, it } from "vitest";
import { missingVariables, render, variablesOf } from "../../src/domain/template";

describe("zh-CN templates with {{variables}}", () => {
  it("lists the variables a template uses, once each, spaces inside the braces allowed", () => {
    const texts = ["新派遣案件：{{title}}", "案件{{ caseId }}「{{title}}」请于{{dueAt}}前签收"];
    expect(variablesOf(...texts)).toEqual(["title", "caseId", "dueAt"]);
    expect(variablesOf("没有变量")).toEqual([]);
  });

  it("names the variables a preview lacks, counting null and empty as missing", () => {
    expect(missingVariables(["{{a}}{{b}}{{c}}{{d}}"], { a: "x", b: null, c: "", d: 0 })).toEqual(["b", "c"]);
  });

  it("fills placeholders, showing a value the event does not carry as the fallback, never as raw braces", () => {
    expect(render("案件{{caseId}}于{{dueAt}}到期", { caseId: "CASE-1" })).toBe("案件CASE-1于—到期");
    expect(render("共有{{count}}条", { count: 3 })).toBe("共有3条");
    expect(render("{{x}}", {}, "?")).toBe("?");
  });
});
