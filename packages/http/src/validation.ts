import type { FieldError } from "@civicgrid/contracts";
import type { Context } from "hono";
import type { ZodError } from "zod";
import { AppError } from "./errors";
import { problemFromError } from "./problem";

const TARGET_NAMES: Record<string, string> = {
  json: "body",
  form: "body",
  query: "query",
  param: "path",
  header: "header",
  cookie: "cookie",
};

/** Zod issues as field errors, each naming where the field is: `body.boundary.coordinates.0`. */
export function fieldErrors(error: ZodError, target: string): FieldError[] {
  const prefix = TARGET_NAMES[target] ?? target;
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

export function validationError(error: ZodError, target: string): AppError {
  const errors = fieldErrors(error, target);
  const detail = errors.map((e) => `${e.field}: ${e.message}`).join("; ");
  return new AppError("validation_failed", detail, { errors });
}

type HookResult = { success: true } | { success: false; error: ZodError; target: string };

/** The shared hook of every zod-openapi route: a failed validation answers 400 problem+json naming the fields. */
export function validationHook(result: HookResult, c: Context): Response | undefined {
  if (result.success) return undefined;
  return problemFromError(c, validationError(result.error, result.target));
}
