import path from "node:path";

/**
 * Vitest reporters: the default one, plus a JSON report per suite when the test runner
 * (infra/ci/test.mjs) asks for one, so that one line at the end can count every test.
 */
export function reporters(suite: string): (string | [string, Record<string, unknown>])[] {
  const dir = process.env.CIVICGRID_TEST_REPORTS;
  if (!dir) return ["default"];
  return ["default", ["json", { outputFile: path.join(dir, `${suite.replaceAll("/", "-")}.json`) }]];
}
