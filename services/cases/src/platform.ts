import { PlatformCaseInput, type CaseView } from "@civicgrid/contracts";
import { AppError } from "@civicgrid/http";
import type { Actor } from "./domain";
import { caseStub, type Env } from "./env";
import { openReport, placementOf } from "./opening";

const actorOf = (platform: string, divisionCode: string): Actor => ({ sub: `platform:${platform}`, role: "platform", unit: divisionCode });

/**
 * A provincial platform's push (粤平安, 12345): one case per (platform, order id), however often it is pushed.
 * Located by its point when it has one, else placed at the division it names.
 */
export async function createFromPlatform(env: Env, raw: PlatformCaseInput): Promise<{ caseId: string; created: boolean }> {
  const input = PlatformCaseInput.parse(raw);
  const known = await env.DB.prepare("SELECT case_id FROM platform_orders WHERE platform = ?1 AND order_id = ?2").bind(input.platform, input.orderId).first<{ case_id: string }>();
  if (known) return { caseId: known.case_id, created: false };
  const placement = input.lng !== undefined && input.lat !== undefined
    ? await placementOf(env, input.lng, input.lat)
    : { countyCode: `${input.divisionCode.slice(0, 6)}000000`, townshipCode: /000$/.test(input.divisionCode) ? undefined : `${input.divisionCode.slice(0, 9)}000`, villageCode: /000$/.test(input.divisionCode) ? undefined : input.divisionCode };
  const view: CaseView = await openReport(env, {
    title: input.title, description: input.description, categoryCode: input.categoryCode, priority: "normal", source: "platform",
    placement, location: input.lng !== undefined && input.lat !== undefined ? { lng: input.lng, lat: input.lat, address: null } : null,
    reporterSub: null, external: { platform: input.platform, orderId: input.orderId },
  }, actorOf(input.platform, input.divisionCode));
  // Two concurrent pushes may both open a case: the first mapping wins and the loser's case is withdrawn.
  await env.DB.prepare("INSERT OR IGNORE INTO platform_orders (platform, order_id, case_id) VALUES (?1, ?2, ?3)").bind(input.platform, input.orderId, view.id).run();
  const winner = await env.DB.prepare("SELECT case_id FROM platform_orders WHERE platform = ?1 AND order_id = ?2").bind(input.platform, input.orderId).first<{ case_id: string }>();
  if (winner && winner.case_id !== view.id) {
    await caseStub(env, view.id).cancel(`duplicate push of ${input.platform} order ${input.orderId}`, actorOf(input.platform, input.divisionCode));
    return { caseId: winner.case_id, created: false };
  }
  return { caseId: view.id, created: true };
}

export async function cancelFromPlatform(env: Env, platform: string, orderId: string, reason: string): Promise<{ caseId: string; status: string }> {
  const known = await env.DB.prepare("SELECT case_id FROM platform_orders WHERE platform = ?1 AND order_id = ?2").bind(platform, orderId).first<{ case_id: string }>();
  if (!known) throw new AppError("not_found", `no case for ${platform} order ${orderId}`);
  const result = await caseStub(env, known.case_id).cancel(reason, actorOf(platform, "platform"));
  if (!result.ok) throw new AppError(result.code, result.detail);
  return { caseId: known.case_id, status: result.case.status };
}
