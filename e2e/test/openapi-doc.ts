// The live merged OpenAPI document of the gateway, and checks of live answers against it.
import SwaggerParser from "@apidevtools/swagger-parser";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { expect } from "vitest";
import { origin } from "./client";

export const METHODS = ["get", "put", "post", "delete", "patch"] as const;
export type Method = (typeof METHODS)[number];

type Media = { schema?: object };
export interface Operation {
  operationId?: string;
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: { type?: string } }[];
  requestBody?: { content: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
}
export interface Doc {
  openapi: string;
  paths: Record<string, Partial<Record<Method, Operation>>>;
  components?: Record<string, unknown>;
}

export async function loadDoc(): Promise<Doc> {
  const res = await fetch(`${origin}/openapi.json`);
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
}

export function operations(doc: Doc): { method: Method; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((method) => ({ method, path, op: item[method]! })),
  );
}

/** Checks live answers against the document: status documented, content type documented, body valid. */
export async function answerChecker() {
  // Dereferenced (a copy: the parser resolves in place), so every response schema stands alone for ajv.
  const doc = (await SwaggerParser.dereference(structuredClone(await loadDoc()) as never)) as unknown as Doc;
  const ajv = new Ajv2020({ strict: false, allErrors: true, logger: false });
  addFormats.default(ajv);
  const compiled = new Map<object, ReturnType<typeof ajv.compile>>();
  return async (method: Method, template: string, res: Response, label = `${method.toUpperCase()} ${template}`) => {
    const op = doc.paths[template]?.[method];
    expect(op, `${label}: not in the document`).toBeDefined();
    const status = String(res.status);
    const documented = op!.responses?.[status] ?? op!.responses?.[`${status[0]}XX`] ?? op!.responses?.default;
    expect(
      documented,
      `${label}: answered ${status}, documented ${Object.keys(op!.responses ?? {}).join(", ")}`,
    ).toBeDefined();
    const type = (res.headers.get("content-type") ?? "").split(";")[0]!.trim();
    const text = await res.text();
    if (!text) return;
    const media = documented!.content?.[type];
    expect(
      media,
      `${label} ${status}: answered ${type}, documented ${Object.keys(documented!.content ?? {}).join(", ") || "no body"}`,
    ).toBeDefined();
    if (!media?.schema) return;
    let validate = compiled.get(media.schema);
    if (!validate) compiled.set(media.schema, (validate = ajv.compile(media.schema)));
    const body: unknown = /json/.test(type) ? JSON.parse(text) : text;
    const valid = validate(body);
    expect(
      valid,
      `${label} ${status} ${type}: ${ajv.errorsText(validate.errors, { separator: "\n" })}\n${text.slice(0, 600)}`,
    ).toBe(true);
  };
}
