import { scrubPublicText, type AdmittedMatter, type Open311Request, type PublicCaseRecord } from "@civicgrid/contracts";

/** What a report carried that the case itself does not keep, returned with the request (address, media_url). */
export interface ReportExtras {
  address: string | null;
  addressId: string | null;
  mediaUrl: string | null;
}

/** Case statuses that Open311 calls closed; every other status is open. */
const CLOSED = new Set(["closed", "rated", "archived", "invalid", "merged"]);

export function open311Status(status: string): "open" | "closed" {
  return CLOSED.has(status) ? "closed" : "open";
}

/**
 * A case as GeoReport v2 shows it. Free text a reporter typed may carry a phone, an ID number or an e-mail, so it
 * is scrubbed on the way out (Jiangmen 第二十二条); the address and photo the report came with are its own.
 */
export function toOpen311Request(r: PublicCaseRecord, extras?: ReportExtras): Open311Request {
  return {
    service_request_id: r.caseId,
    status: open311Status(r.status),
    status_notes: scrubPublicText(r.statusNotes),
    service_name: r.categoryName,
    service_code: r.categoryCode,
    description: scrubPublicText(r.description),
    agency_responsible: r.agencyResponsible,
    service_notice: null,
    requested_datetime: r.requestedAt,
    updated_datetime: r.updatedAt,
    expected_datetime: r.expectedAt,
    address: scrubPublicText(extras?.address ?? r.address),
    address_id: extras?.addressId ?? null,
    zipcode: null,
    lat: r.lat,
    long: r.lng,
    media_url: extras?.mediaUrl ?? null,
  };
}

/** A matter the county admits, as a GeoReport v2 service. */
export const toService = (m: AdmittedMatter) => ({
  service_code: m.matterCode,
  service_name: m.name,
  description: m.description ?? m.name,
  metadata: (m.attributes?.length ?? 0) > 0,
  type: "realtime" as const,
  keywords: (m.keywords ?? []).join(","),
  group: m.group ?? "",
});

/** The attributes a report of the matter asks for, in their order, as a GeoReport v2 service definition. */
export function toServiceDefinition(m: AdmittedMatter) {
  const attributes = [...(m.attributes ?? [])]
    .sort((a, b) => a.order - b.order)
    .map((a) => ({
      variable: true,
      code: a.code,
      datatype: a.datatype,
      required: a.required,
      datatype_description: "",
      order: a.order,
      description: a.description,
      ...(a.values ? { values: a.values } : {}),
    }));
  return { service_code: m.matterCode, attributes };
}

export type Format = "json" | "xml";

/** The format a client asked for by the path's extension (`requests.xml`); JSON otherwise. */
export function formatOfPath(pathname: string): Format {
  return pathname.endsWith(".xml") ? "xml" : "json";
}

/** The element name of one item of each list, as the GeoReport v2 XML examples spell them. */
const ITEM: Record<string, string> = {
  services: "service",
  service_requests: "request",
  errors: "error",
  attributes: "attribute",
  values: "value",
  endpoints: "endpoint",
  formats: "format",
  jurisdictions: "jurisdiction",
};

const escape = (s: string) =>
  s.replace(/[<>&'"]/g, (ch) => `&${{ "<": "lt", ">": "gt", "&": "amp", "'": "apos", '"': "quot" }[ch]};`);

function element(name: string, value: unknown): string {
  if (value === null || value === undefined) return `<${name}/>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => element(ITEM[name] ?? "item", v)).join("")}</${name}>`;
  if (typeof value === "object")
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => element(k, v))
      .join("")}</${name}>`;
  return `<${name}>${escape(String(value))}</${name}>`;
}

export function toXml(root: string, value: unknown): string {
  return `<?xml version="1.0" encoding="utf-8"?>${element(root, value)}`;
}
