// The typed client (packages/client): its committed types are what the live /openapi.json generates, and it
// works against the real system: the bearer token is sent, and a refusal reaches the caller as its problem.
import fs from "node:fs";
import { ApiError, createApiClient, must, problemOf } from "@civicgrid/client";
import { describe, expect, it } from "vitest";
import { SCHEMA_FILE, schemaSource } from "../../packages/client/generate-lib.mjs";
import { origin, tokenFor } from "./client";
import { loadDoc } from "./openapi-doc";
import { pointIn, WORKER_GRID } from "./places";

const county = "demo-county-agency-440703";

describe("the committed client types", () => {
  it("are what the live /openapi.json generates", { timeout: 120_000 }, async () => {
    const generated = (await schemaSource(await loadDoc())).split("\n");
    const committed = fs.readFileSync(SCHEMA_FILE, "utf8").split("\n");
    const at = generated.findIndex((line, i) => line !== committed[i]);
    const first = at === -1 && generated.length !== committed.length ? generated.length : at;
    expect(
      first,
      `packages/client/src/schema.d.ts is stale: run \`npm run client:generate\` and commit it ` +
        `(first difference at line ${first + 1}: committed ${JSON.stringify(committed[first])}, ` +
        `the live API ${JSON.stringify(generated[first])})`,
    ).toBe(-1);
  });
});

describe("the typed client against the system", () => {
  // The token is read before each request, as a screen's would be after a silent renewal.
  const tokens = new Map<string, string>();
  const signedIn = createApiClient({ baseUrl: origin, token: () => tokens.get(county) });

  it("reads a public grid disclosure by location without a token", async () => {
    const anonymous = createApiClient({ baseUrl: origin });
    const grid = await must(anonymous.GET("/v1/public/grids/locate", { params: { query: pointIn(WORKER_GRID) } }));
    expect(grid.code).toBe(WORKER_GRID);
  });

  it("sends the bearer token the caller holds now, and none when it holds none", async () => {
    tokens.delete(county);
    const refused = await signedIn.GET("/v1/cases", { params: { query: { limit: 1 } } });
    expect(refused.response.status).toBe(401);
    expect(problemOf(refused.error, refused.response).status).toBe(401);

    tokens.set(county, await tokenFor(county));
    const page = await must(signedIn.GET("/v1/cases", { params: { query: { limit: 1 } } }));
    expect(Array.isArray(page.items)).toBe(true);
    expect(page.items.length).toBeLessThanOrEqual(1);
  });

  it("surfaces a problem+json refusal as an ApiError carrying the detail and the field", async () => {
    tokens.set(county, await tokenFor(county));
    // Well typed (a number), refused by the API (limits run 1..200).
    const error = await must(signedIn.GET("/v1/cases", { params: { query: { limit: 500 } } })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const { problem } = error as ApiError;
    expect(problem.status).toBe(400);
    expect(problem.detail).toBeTruthy();
    expect((error as ApiError).message).toBe(problem.detail);
    expect(problem.errors?.map((e) => e.field)).toContain("query.limit");
  });

  it("turns an answer that is not problem+json into a problem from its status", async () => {
    const behindProxy = createApiClient({
      baseUrl: origin,
      fetch: async () => new Response("upstream unavailable", { status: 502, statusText: "Bad Gateway" }),
    });
    const error = await must(behindProxy.GET("/v1/public/grids/locate", { params: { query: pointIn(WORKER_GRID) } }))
      .then(() => undefined)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).problem).toEqual({
      type: "about:blank",
      title: "Bad Gateway",
      status: 502,
      detail: "upstream unavailable",
    });
  });
});
