import { ReportCaseBody, type RequestType } from "@civicgrid/contracts";
import { sha256Hex, validationError } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import { newFollowToken, type Intake } from "./domain";
import type { Env } from "./env";
import { openReport, placementOf } from "./opening";

/** What a resident without a login reports: the public report form, or an Open311 app's request. */
export interface ResidentReport {
  title: string;
  description: string;
  categoryCode: string;
  lng: number;
  lat: number;
  address?: string | undefined;
  requestType?: RequestType | undefined;
}

/**
 * Opens a resident's report: located by the registry, admitted by the county's matter lists, source `resident`,
 * no reporter login. The follow token is handed back once; only its SHA-256 is kept, on the case's DO.
 */
export async function openResidentReport(
  env: Env,
  report: ResidentReport,
  by: { sub: string; intake?: Intake },
): Promise<{ caseId: string; followToken: string }> {
  const place = await placementOf(env, report.lng, report.lat);
  const followToken = newFollowToken();
  const view = await openReport(
    env,
    {
      title: report.title,
      description: report.description,
      categoryCode: report.categoryCode,
      priority: "normal",
      source: "resident",
      placement: place,
      location: { lng: report.lng, lat: report.lat, address: report.address ?? null },
      reporterSub: null,
      followTokenHash: await sha256Hex(followToken),
      requestType: report.requestType,
      ...(by.intake ? { intake: by.intake } : {}),
    },
    { sub: by.sub, role: "resident", unit: place.villageCode },
  );
  return { caseId: view.id, followToken };
}

const Contact = z.object({
  name: z.string().max(100).optional(),
  phone: z.string().max(40).optional(),
  email: z.string().max(200).optional(),
});

/** An Open311 app's request as the integrations service passes it on. */
export const Open311Report = ReportCaseBody.pick({
  title: true,
  description: true,
  categoryCode: true,
  lng: true,
  lat: true,
  requestType: true,
}).extend({
  clientId: z.string().min(1).max(64),
  contact: Contact.optional(),
});
export type Open311Report = z.input<typeof Open311Report>;

/**
 * An Open311 app's report. The contact is personal data and this service has no key to encrypt it with, so
 * nothing of it is kept, logged or projected: the case records only that one was left (and which app sent it).
 */
export async function reportFromResident(
  env: Env,
  raw: Open311Report,
): Promise<{ caseId: string; followToken: string }> {
  const parsed = Open311Report.safeParse(raw);
  // The field errors name paths and rules, never the values, so a bad contact is not echoed back either.
  if (!parsed.success) throw validationError(parsed.error, "input");
  const { contact, clientId, ...report } = parsed.data;
  const contactLeft = Object.values(contact ?? {}).some((v) => typeof v === "string" && v.trim() !== "");
  return openResidentReport(env, report, {
    sub: `open311:${clientId}`,
    intake: { channel: "open311", clientId, contactLeft },
  });
}
