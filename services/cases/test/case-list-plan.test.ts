import type { CaseListQuery, Principal } from "@civicgrid/contracts";
import type { CursorKey } from "@civicgrid/http";
import { principals } from "@civicgrid/testing";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { casesPageQuery } from "../src/store/case-list";
import { database } from "../src/store/db";

// The SQLite plans of the case list's queries (issue 17), on the schema the migrations built in D1: the SQL
// casesPage runs, read by EXPLAIN QUERY PLAN.
async function planOf(
  q: Partial<CaseListQuery>,
  after?: CursorKey,
  who: Principal = principals.countyAgency,
): Promise<string> {
  const { sql, params } = casesPageQuery(database(env.DB), who, { limit: 50, ...q } as CaseListQuery, after).toSQL();
  const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .bind(...params)
    .all<{ detail: string }>();
  return results.map((r) => r.detail).join("; ");
}

const CURSOR: CursorKey = ["2026-11-01T00:00:00.000Z", "C-20261101-000"];

describe("the case list's query plans (issue 17)", () => {
  it("a list by status walks cases_status in the list's order, from the cursor on, with no sort", async () => {
    expect(await planOf({ status: "signed" })).toBe("SEARCH cases USING INDEX cases_status (status=?)");
    expect(await planOf({ status: "signed" }, CURSOR)).toBe(
      "SEARCH cases USING INDEX cases_status (status=? AND (created_at,id)<(?,?))",
    );
  });

  it("status within a township's division prefix walks the same index", async () => {
    expect(await planOf({ status: "reported" }, CURSOR, principals.townshipAgency)).toBe(
      "SEARCH cases USING INDEX cases_status (status=? AND (created_at,id)<(?,?))",
    );
  });

  it("a status behind a narrower lead (a grid, the caller's own reports) keeps that lead's index", async () => {
    expect(await planOf({ status: "signed", grid: "440703001001001" }, CURSOR)).toBe(
      "SEARCH cases USING INDEX cases_grid (grid_code=? AND (created_at,id)<(?,?))",
    );
    expect(await planOf({ status: "signed" }, CURSOR, principals.resident)).toMatch(
      /^SEARCH cases USING INDEX cases_reporter \(reporter_sub=\?\)/,
    );
  });

  it("the overdue list walks the partial index of overdue cases", async () => {
    expect(await planOf({ overdue: true }, CURSOR)).toBe(
      "SEARCH cases USING INDEX cases_overdue ((created_at,id)<(?,?))",
    );
  });

  it("a later page seeks in the grid's and the division's index instead of walking the pages before it", async () => {
    expect(await planOf({ grid: "440703001001001" }, CURSOR)).toBe(
      "SEARCH cases USING INDEX cases_grid (grid_code=? AND (created_at,id)<(?,?))",
    );
    expect(await planOf({}, CURSOR)).toBe("SEARCH cases USING INDEX cases_created ((created_at,id)<(?,?))");
  });
});
