import { createRoute } from "@hono/zod-openapi";
import { Open311Discovery } from "@civicgrid/contracts";
import type { z } from "zod";
import { listJurisdictions } from "../../store/open311";
import { render } from "./render";
import { answers, COMMON_ERRORS, FORMATS, open311 } from "./router";

/** When this endpoint's behaviour last changed (GeoReport v2 discovery `changeset`); bump it with each change. */
export const CHANGESET = "2026-11-02T00:00:00Z";
const SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";

for (const format of FORMATS) {
  open311.openapi(
    createRoute({
      method: "get",
      path: `/open311/discovery.${format}`,
      summary: `Service discovery (${format}): where the GeoReport v2 endpoint is, its formats, and its jurisdiction_id values`,
      security: [],
      responses: { 200: answers(Open311Discovery, "the discovery document"), ...COMMON_ERRORS },
    }),
    async (c) => {
      const jurisdictions = await listJurisdictions(c.env.DB);
      const document: z.infer<typeof Open311Discovery> = {
        changeset: CHANGESET,
        contact: "江门市网格化服务管理中心 (the city's grid agency); the same contact answers for every county listed",
        key_service: "api_key: a trusted app asks the city's grid agency for one; reads need none, POST requests does",
        endpoints: [
          {
            specification: SPECIFICATION,
            url: `${new URL(c.req.url).origin}/open311/v2`,
            changeset: CHANGESET,
            type: "production",
            formats: ["application/json", "text/xml"],
          },
        ],
        // jurisdiction_id is the 12-digit division code of a county (统计用区划代码) that opened this door.
        jurisdictions: jurisdictions.map((j) => ({ jurisdiction_id: j.countyCode, name: j.name })),
      };
      return render(c, format, "discovery", document) as never;
    },
  );
}
