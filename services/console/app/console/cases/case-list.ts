import type { paths } from "@civicgrid/client";
import { ApiError, api } from "../../shared/api";
import { problemOf } from "@civicgrid/client";
import type { CaseSummary } from "./labels";

export type CaseQuery = NonNullable<paths["/v1/cases"]["get"]["parameters"]["query"]>;
export interface CasePage {
  items: CaseSummary[];
  nextCursor: string | null;
}

/**
 * One page of `/v1/cases`. When the list answered with an ETag before, it is sent back as If-None-Match and a 304
 * keeps what the screen shows (returned as null); without ETags it is simply read again.
 */
export async function casePage(
  query: CaseQuery,
  etag: string | null,
): Promise<{ page: CasePage | null; etag: string | null }> {
  const { data, error, response } = await api.GET("/v1/cases", {
    params: { query },
    headers: etag ? { "if-none-match": etag } : {},
  });
  if (response.status === 304) return { page: null, etag };
  if (!response.ok || !data) throw new ApiError(problemOf(error, response));
  return { page: data, etag: response.headers.get("etag") };
}
