// The one way the committed client's types are made from an OpenAPI document: `npm run client:generate` writes
// it, and the e2e suite regenerates it from the live document to fail when the committed file is stale.
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";
import * as prettier from "prettier";

/** @type {typeof import("./generate-lib.d.mts").SCHEMA_FILE} */
export const SCHEMA_FILE = fileURLToPath(new URL("./src/schema.d.ts", import.meta.url));

const HEADER =
  "// Generated from the gateway's /openapi.json by `npm run client:generate` (packages/client/generate.mjs).\n" +
  "// Do not edit: regenerate after changing the API (an e2e test fails while this file is stale).\n\n";

/** @type {typeof import("./generate-lib.d.mts").schemaSource} */
export async function schemaSource(doc) {
  // The live document names the origin it was served from (its port); the types must not depend on it.
  const portable = { ...structuredClone(doc), servers: [{ url: "/" }] };
  const nodes = await openapiTS(/** @type {never} */ (portable), { silent: true });
  const config = await prettier.resolveConfig(SCHEMA_FILE);
  // Formatted as the repository's `prettier --check .` expects, so the generated file passes it unchanged.
  return prettier.format(HEADER + astToString(nodes), { ...config, filepath: SCHEMA_FILE });
}
