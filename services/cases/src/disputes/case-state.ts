import { can } from "@civicgrid/auth";
import { AppError, principalOf } from "@civicgrid/http";
import type { Context } from "hono";
import { readScope, type CaseState } from "../domain";
import type { DisputeState } from "../domain/dispute";
import { caseStub, type AppEnv } from "../env";

/**
 * The case as its object holds it, once the caller may read it (403 before anything else is asked of another
 * service, so a caller outside the case learns nothing from the lookups that follow).
 */
export async function readableState(c: Context<AppEnv>, id: string): Promise<CaseState> {
  const state = await caseStub(c.env, id).snapshot();
  if (!state) throw new AppError("not_found", "no such case");
  if (!can(principalOf(c), "case:read", readScope(state)))
    throw new AppError("forbidden", "this case lies outside your jurisdiction");
  return state;
}

/** As `readableState`, for a case that is a dispute (404 problem otherwise). */
export async function readableDispute(c: Context<AppEnv>, id: string): Promise<DisputeState> {
  const state = await readableState(c, id);
  if (!state.dispute) throw new AppError("not_found", "this case is not a dispute");
  return state as DisputeState;
}
