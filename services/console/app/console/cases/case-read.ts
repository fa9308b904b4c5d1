import { problemOf } from "@civicgrid/client";
import { ApiError, api } from "../../shared/api";
import type { Case } from "./labels";

/**
 * The case from its authority (the case's object), sending the version shown as If-None-Match: a 304 (null here)
 * means nothing changed, so polling costs the API almost nothing.
 */
export async function readCase(id: string, shown: Case | null): Promise<Case | null> {
  const { data, error, response } = await api.GET("/v1/cases/{id}", {
    params: { path: { id } },
    headers: shown ? { "if-none-match": `"v${shown.version}"` } : {},
  });
  if (response.status === 304) return null;
  if (!response.ok || !data) throw new ApiError(problemOf(error, response));
  return data;
}
