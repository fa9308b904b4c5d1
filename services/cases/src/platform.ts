import { countyOf, PlatformCaseInput, type CaseView } from "@civicgrid/contracts";
import { AppError, sha256Hex, validationError } from "@civicgrid/http";
import { z } from "@hono/zod-openapi";
import { canonicalJson, type Actor, type Amendment } from "./domain";
import { caseStub, type Env } from "./env";
import { openReport, placementOf } from "./opening";
import { database } from "./store/db";
import { caseOfOrder, claimOrder } from "./store/platform-orders";

/** The amendment as the platform sends it: the same limits as a case's own texts. */
const AmendmentInput = z.object({
  note: z.string().trim().min(1).max(1000),
  description: z.string().trim().min(1).max(4000).optional(),
});

const actorOf = (platform: string, divisionCode: string): Actor => ({
  sub: `platform:${platform}`,
  role: "platform",
  unit: divisionCode,
});

/**
 * A provincial platform's push (粤平安, 12345): one case per (platform, order id), however often it is pushed.
 * Located by its point when it has one, else placed at the division it names.
 */
export async function createFromPlatform(
  env: Env,
  raw: PlatformCaseInput,
): Promise<{ caseId: string; created: boolean }> {
  const input = PlatformCaseInput.parse(raw);
  const db = database(env.DB);
  const known = await caseOfOrder(db, input.platform, input.orderId);
  if (known) return { caseId: known, created: false };
  const placement =
    input.lng !== undefined && input.lat !== undefined
      ? await placementOf(env, input.lng, input.lat)
      : {
          countyCode: countyOf(input.divisionCode),
          townshipCode: /000$/.test(input.divisionCode) ? undefined : `${input.divisionCode.slice(0, 9)}000`,
          villageCode: /000$/.test(input.divisionCode) ? undefined : input.divisionCode,
        };
  const view: CaseView = await openReport(
    env,
    {
      title: input.title,
      description: input.description,
      categoryCode: input.categoryCode,
      priority: "normal",
      source: "platform",
      placement,
      location:
        input.lng !== undefined && input.lat !== undefined ? { lng: input.lng, lat: input.lat, address: null } : null,
      reporterSub: null,
      external: { platform: input.platform, orderId: input.orderId },
      requestType: input.requestType,
    },
    actorOf(input.platform, input.divisionCode),
  );
  // Two concurrent pushes may both open a case: the first mapping wins and the loser's case is withdrawn.
  const winner = await claimOrder(db, input.platform, input.orderId, view.id);
  if (winner && winner !== view.id) {
    await caseStub(env, view.id).cancel(
      `duplicate push of ${input.platform} order ${input.orderId}`,
      actorOf(input.platform, input.divisionCode),
    );
    return { caseId: winner, created: false };
  }
  return { caseId: view.id, created: true };
}

/** The case a platform's order opened, or a 404 naming the order. */
async function orderCase(env: Env, platform: string, orderId: string): Promise<string> {
  const known = await caseOfOrder(database(env.DB), platform, orderId);
  if (!known) throw new AppError("not_found", `no case for ${platform} order ${orderId}`);
  return known;
}

/**
 * A platform amended its order: the note is logged on the case (`case.amended`) and the description replaced when
 * sent. The DO's idempotency key is derived from (platform, order, note), so a redelivered amendment is logged
 * once; the same note sent again with another description is refused rather than silently dropped. The key has
 * a "/", which HTTP Idempotency-Keys may not, so no caller's own key can collide with it.
 */
export async function updateFromPlatform(
  env: Env,
  platform: string,
  orderId: string,
  update: Amendment,
): Promise<{ caseId: string; status: string }> {
  const parsed = AmendmentInput.safeParse(update);
  if (!parsed.success) throw validationError(parsed.error, "update");
  const amendment = parsed.data;
  const caseId = await orderCase(env, platform, orderId);
  const key = `platform/amend/${await sha256Hex(canonicalJson({ platform, orderId, note: amendment.note }))}`;
  const result = await caseStub(env, caseId).amend(amendment, actorOf(platform, "platform"), key);
  if (!result.ok && result.code === "idempotency_key_reused") {
    throw new AppError(
      "conflict",
      `${platform} order ${orderId} already has this note with another description; send a new note with the new text`,
    );
  }
  if (!result.ok) throw new AppError(result.code, result.detail);
  return { caseId, status: result.case.status };
}

export async function cancelFromPlatform(
  env: Env,
  platform: string,
  orderId: string,
  reason: string,
): Promise<{ caseId: string; status: string }> {
  const caseId = await orderCase(env, platform, orderId);
  const result = await caseStub(env, caseId).cancel(reason, actorOf(platform, "platform"));
  if (!result.ok) throw new AppError(result.code, result.detail);
  return { caseId, status: result.case.status };
}
