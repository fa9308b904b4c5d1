// The signatures of generate-lib.mjs, for the e2e suite (TypeScript without allowJs); the module is typed with them.

/** Where the generated types of the client live: packages/client/src/schema.d.ts. */
export declare const SCHEMA_FILE: string;
/** The text of schema.d.ts for an OpenAPI 3.1 document (its `servers` ignored), formatted by prettier. */
export declare function schemaSource(doc: object): Promise<string>;
