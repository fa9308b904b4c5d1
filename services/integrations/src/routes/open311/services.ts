import { createRoute, z } from "@hono/zod-openapi";
import { Open311Service, Open311ServiceDefinition } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import { toService, toServiceDefinition } from "../../domain/open311-format";
import { mattersOf, readJurisdiction } from "./door";
import { render } from "./render";
import { answers, ApiKey, CodeFile, COMMON_ERRORS, FORMATS, JurisdictionArg, open311, splitFile } from "./router";

const ReadQuery = z.object({ jurisdiction_id: JurisdictionArg, api_key: ApiKey });

for (const format of FORMATS) {
  open311.openapi(
    createRoute({
      method: "get",
      path: `/open311/v2/services.${format}`,
      summary: `Service list (${format}): the matters the county admits (准入事项)`,
      security: [],
      request: { query: ReadQuery },
      responses: { 200: answers(z.array(Open311Service), "services"), ...COMMON_ERRORS },
    }),
    async (c) => {
      const { countyCode } = await readJurisdiction(c, c.req.valid("query"));
      return render(c, format, "services", (await mattersOf(c, countyCode)).map(toService)) as never;
    },
  );
}

open311.openapi(
  createRoute({
    method: "get",
    path: "/open311/v2/services/{file}",
    summary: "Service definition: the attributes a report of this matter asks for (datatype, required, values, order)",
    security: [],
    request: { params: z.object({ file: CodeFile }), query: ReadQuery },
    responses: { 200: answers(Open311ServiceDefinition, "the definition"), ...COMMON_ERRORS },
  }),
  async (c) => {
    const [service_code, format] = splitFile(c.req.valid("param").file);
    const { countyCode } = await readJurisdiction(c, c.req.valid("query"));
    const matter = (await mattersOf(c, countyCode)).find((m) => m.matterCode === service_code);
    if (!matter) throw new AppError("not_found", `service_code: ${service_code} is not a service of ${countyCode}`);
    return render(c, format, "service_definition", toServiceDefinition(matter)) as never;
  },
);
