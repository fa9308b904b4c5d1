import { createRoute, z } from "@hono/zod-openapi";
import { Open311Created } from "@civicgrid/contracts";
import { AppError, sha256Hex } from "@civicgrid/http";
import { attributeFields, checkAttributes } from "../../domain/attributes";
import { optionalArg, ServiceCode } from "../../domain/open311-params";
import { saveReport } from "../../store/open311";
import { clientOf, countRequest, jurisdictionOf, mattersOf, upstream } from "./door";
import { open311Errors } from "./errors";
import { locateReport } from "./locate";
import { attachReportMedia, MediaPart } from "./media";
import { render } from "./render";
import { answers, ApiKey, COMMON_ERRORS, errors, FORMATS, JurisdictionArg, open311 } from "./router";

const text = (max: number) => optionalArg(z.string().trim().max(max));

/** The fields of POST requests as GeoReport v2 names them; `attribute[code]` (and `attribute[code][]`) ride along. */
const NewRequest = z
  .object({
    api_key: ApiKey,
    jurisdiction_id: JurisdictionArg,
    service_code: ServiceCode,
    lat: optionalArg(z.coerce.number().min(3).max(54)),
    long: optionalArg(z.coerce.number().min(73).max(136)),
    address_string: text(200),
    address_id: text(64),
    email: text(100),
    device_id: text(100),
    account_id: text(100),
    first_name: text(50),
    last_name: text(50),
    phone: text(30),
    description: text(4000),
    media_url: optionalArg(z.url({ protocol: /^https?$/ }).max(500)),
    media: MediaPart,
  })
  .catchall(z.union([z.string().max(2000), z.array(z.string().max(2000)).max(50)]));

const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];
const NOTICE = "已受理，将转交所在网格办理 (received; routed to the grid where it is)";

for (const format of FORMATS) {
  const path = `/open311/v2/requests.${format}`;
  // The specification's POST is a form; any other body is refused as such rather than read as an empty form.
  open311.post(path, async (c, next) => {
    const type = (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
    if (!FORM_TYPES.includes(type))
      return open311Errors(c, 415, ["the body must be application/x-www-form-urlencoded"]);
    return next();
  });
  open311.openapi(
    createRoute({
      method: "post",
      path,
      summary: `Report a problem (${format}) at a point or a known address; a trusted app's api_key is required`,
      security: [],
      request: {
        query: z.object({ jurisdiction_id: JurisdictionArg, api_key: ApiKey }),
        body: {
          required: true,
          content: {
            "application/x-www-form-urlencoded": { schema: NewRequest },
            "multipart/form-data": { schema: NewRequest },
          },
        },
      },
      responses: {
        200: answers(Open311Created, "the token of the new request"),
        ...COMMON_ERRORS,
        415: errors("not a form body"),
      },
    }),
    async (c) => {
      const form = c.req.valid("form");
      const query = c.req.valid("query");
      const client = await clientOf(c.env.DB, form.api_key ?? query.api_key);
      await countRequest(c.env.DB, client);
      const { countyCode } = await jurisdictionOf(c.env.DB, query.jurisdiction_id, form.jurisdiction_id);
      const matter = (await mattersOf(c, countyCode)).find((m) => m.matterCode === form.service_code);
      if (!matter)
        throw new AppError("not_found", `service_code: ${form.service_code} is not a service of ${countyCode}`);
      const checked = checkAttributes(matter.attributes ?? [], attributeFields(form));
      if (!checked.ok)
        throw new AppError("validation_failed", "attributes do not match the service definition", {
          errors: checked.errors,
        });
      const place = await upstream("locating the report", () => locateReport(c.env, countyCode, form));
      const name = [form.last_name, form.first_name].filter(Boolean).join("") || undefined;
      const contact = name || form.phone || form.email ? { name, phone: form.phone, email: form.email } : undefined;
      const description = [form.description, ...checked.lines].filter(Boolean).join("\n").slice(0, 4000) || matter.name;
      const created = await upstream("filing the report", () =>
        c.env.CASES.reportFromResident({
          categoryCode: matter.matterCode,
          lng: place.lng,
          lat: place.lat,
          title: matter.name.slice(0, 100),
          description,
          clientId: client.id,
          ...(contact ? { contact } : {}),
        }),
      );
      const media = form.media ? await attachReportMedia(c, created.caseId, form.media) : null;
      await saveReport(c.env.DB, {
        caseId: created.caseId,
        countyCode,
        clientId: client.id,
        tokenHash: await sha256Hex(created.followToken),
        attributes: checked.answers,
        address: form.address_string ?? null,
        addressId: place.addressId,
        mediaUrl: media?.mediaUrl ?? form.media_url ?? null,
      });
      const notice = media?.refused ? `${NOTICE}; the media was not stored: ${media.refused}` : NOTICE;
      return render(c, format, "service_requests", [
        { token: created.followToken, service_notice: notice, account_id: form.account_id ?? null },
      ]) as never;
    },
  );
}
