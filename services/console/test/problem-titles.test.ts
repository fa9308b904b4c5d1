import { ERROR_STATUS } from "@civicgrid/http";
import { describe, expect, it } from "vitest";
import { PROBLEM_TITLES } from "../app/shared/problem-titles";

describe("the screens' Chinese problem titles", () => {
  it("name every problem code the API answers, and nothing else", () => {
    expect(Object.keys(PROBLEM_TITLES).sort()).toEqual(Object.keys(ERROR_STATUS).sort());
    for (const title of Object.values(PROBLEM_TITLES)) expect(title).toMatch(/\p{Script=Han}/u);
  });
});
