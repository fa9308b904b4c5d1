import { DurableObject } from "cloudflare:workers";
import { log, sha256Hex } from "@civicgrid/http";
import type {
  ArchiveVerification,
  CaseArchive,
  CaseEventRecord,
  CaseView,
  MediaItem,
  Principal,
  PublicCaseView,
} from "@civicgrid/contracts";
import {
  canonicalJson,
  carryReporters,
  chainHash,
  decide,
  decideAsReporter,
  decideForPlatform,
  followTokenActor,
  followUpTick,
  GENESIS_HASH,
  holdsFollowToken,
  nextAttentionAt,
  openCase,
  reportersOf,
  SYSTEM_ACTOR,
  tick,
  verifyChain,
  versioned,
  type ActorDecision,
  type Actor,
  type Amendment,
  type CaseCommand,
  type CarriedReporters,
  type CaseState,
  type NewCase,
  type RateCommand,
  type Step,
} from "../domain";
import { decideDispute, type DisputeCommand, type DisputeContext } from "../domain/dispute";
import { caseStub, type Env } from "../env";
import { database } from "../store/db";
import { projectCase } from "../store/projection";
import { projectDispute } from "../store/dispute-projection";
import { projectFollowUp } from "../store/follow-ups";
import { readModelOf } from "../store/shards";
import { publicViewOf } from "../read-model/public-record";
import { envelopeOf, viewOf } from "./envelope";
import { CaseStore, OUTBOX_QUEUES } from "./storage";
import { attachMedia } from "../media/attach";
import { mediaMismatches } from "../media/store";

/** How long each phase of a command took inside the object, in ms (Server-Timing `cases-do-<phase>`). */
export type PhaseTimes = Record<string, number>;

export type CommandResult =
  | { ok: true; case: CaseView; replayed: boolean; phases?: PhaseTimes }
  | {
      ok: false;
      code:
        | "not_found"
        | "invalid_transition"
        | "forbidden"
        | "unprocessable"
        | "precondition_failed"
        | "idempotency_key_reused"
        | "conflict";
      detail: string;
      allowed?: string[];
      currentVersion?: number;
    };

/** `expectedVersion` null: no If-Match was sent (only the follow-token route allows that). */
export interface CommandOptions {
  expectedVersion: number | null;
  idempotencyKey: string | null;
}

/** One answer for "no such case" and "wrong token", so ids cannot be probed. */
export const NO_CASE_FOR_TOKEN = "no case with this id and token";

export const UPLOAD_URL_USED = "this upload URL was used already: ask for a new one";

const since = (start: number) => Math.round((performance.now() - start) * 10) / 10;

/** How long after a failed send or projection the alarm retries it. */
const RETRY_MS = 30_000;

/**
 * One case: the authoritative state, its hash-chained event log, the outbox of its queue messages and its
 * deadline alarm. Each command runs under blockConcurrencyWhile, so no other call sees or changes the case
 * between its version check and its commit; delivery (queues, read model) happens after the commit and is
 * retried from the alarm until done.
 */
export class CaseDO extends DurableObject<Env> {
  private readonly store: CaseStore;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new CaseStore(ctx.storage);
  }

  async open(input: NewCase, actor: Actor): Promise<CommandResult> {
    const phases: PhaseTimes = {};
    const started = performance.now();
    const result = await this.ctx.blockConcurrencyWhile(async (): Promise<CommandResult> => {
      const existing = this.store.state();
      if (existing) return { ok: false, code: "conflict", detail: `case ${input.id} already exists` };
      const steps = openCase(input, new Date());
      await this.commit(steps, null, actor, null);
      return { ok: true, case: viewOf(steps[steps.length - 1]!.state), replayed: false };
    });
    phases.commit = since(started);
    await this.deliver(phases);
    return result.ok ? { ...result, phases } : result;
  }

  async command(command: CaseCommand, principal: Principal, options: CommandOptions): Promise<CommandResult> {
    return this.run({ command, sub: principal.sub }, options, (state) => decide(state, command, principal, new Date()));
  }

  /**
   * A dispute command (矛盾纠纷) with what the route gathered for it (risk rules and facts, the mediator, the sealed
   * parties), through the same run as the case loop: idempotency key, If-Match, one transaction, the hash chain and
   * the outbox. A reused key must come with the same command: the parties count by their masked view and repeat key,
   * not by their sealed values (sealing is randomised, so a retry seals anew).
   */
  async disputeCommand(
    command: DisputeCommand,
    principal: Principal,
    context: DisputeContext,
    options: CommandOptions,
  ): Promise<CommandResult> {
    const parties = context.parties?.map(({ sealed: _sealed, ...party }) => party) ?? null;
    const identity = { dispute: command, parties, sub: principal.sub };
    return this.run(identity, options, (state) => decideDispute(state, command, principal, context, new Date()));
  }

  /**
   * The anonymous reporter rates their case with the follow token given at reporting. A wrong token answers as
   * an unknown case does, so neither the case nor its state can be probed; If-Match is checked when sent.
   */
  async rateWithToken(tokenHash: string, command: RateCommand, options: CommandOptions): Promise<CommandResult> {
    const state = this.store.state();
    // The first reporter's token, or a co-reporter's (issue 16: every reporter may rate the outcome).
    if (!state || !holdsFollowToken(state, tokenHash))
      return { ok: false, code: "not_found", detail: NO_CASE_FOR_TOKEN };
    const decideNow = (current: CaseState) => decideAsReporter(current, command, new Date(), tokenHash);
    return this.run({ command, sub: followTokenActor(state, tokenHash).sub }, options, decideNow);
  }

  /**
   * +1 without a login (issue 16): the joiner's own follow token, whose hash the route made, joins the case's
   * reporters; they follow and rate it with that token. No idempotency key: each call hands out a new token.
   */
  async joinWithToken(tokenHash: string, note: string | undefined): Promise<CommandResult> {
    const command = { name: "join" as const, body: { note, tokenHash } };
    const options = { expectedVersion: null, idempotencyKey: null };
    return this.run({ command, sub: "follow-token" }, options, (state) => decideAsReporter(state, command, new Date()));
  }

  /**
   * The reporters of a case merged into this one join it (issue 16). Keyed by the merged case, so the merged case's
   * DO may call it again after a failure and the reporters are carried once.
   */
  async carryReporters(carried: CarriedReporters): Promise<CommandResult> {
    const options = { expectedVersion: null, idempotencyKey: `merge-reporters:${carried.fromCaseId}` };
    return this.run({ carried, sub: SYSTEM_ACTOR.sub }, options, (state) => ({
      ok: true,
      actor: SYSTEM_ACTOR,
      steps: versioned(state, [carryReporters(state, carried, new Date())], new Date()),
    }));
  }

  /**
   * One command under blockConcurrencyWhile; `identity` (what was asked, by whom) is what a reused key must match,
   * hashed as it always was for each kind of command. Its Idempotency-Key is stored in the same storage transaction as
   * its effect, and nothing is written before: there is no claim that could outlive a crashed request. A crash
   * before the commit leaves nothing (a retry performs the command once); after it, a retry replays the outcome.
   */
  private async run(
    identity: { sub: string } & Record<string, unknown>,
    options: CommandOptions,
    decideOn: (state: CaseState) => ActorDecision,
  ): Promise<CommandResult> {
    const phases: PhaseTimes = {};
    const started = performance.now();
    const result = await this.ctx.blockConcurrencyWhile(async (): Promise<CommandResult> => {
      const state = this.store.state();
      if (!state) return { ok: false, code: "not_found", detail: "no such case" };
      // The same key with the same command (and caller) answers what it answered first, before any version check.
      const commandHash = await sha256Hex(canonicalJson(identity));
      const replay = this.replayOf(options.idempotencyKey, commandHash);
      if (replay) return replay;
      const decision = decideOn(state);
      // Jurisdiction first: a caller outside it learns neither the state nor the version.
      if (!decision.ok && decision.code === "forbidden") return decision;
      if (options.expectedVersion !== null && options.expectedVersion !== state.version) {
        const detail = `the case is at version ${state.version}, not ${options.expectedVersion}; read it again`;
        return { ok: false, code: "precondition_failed", detail, currentVersion: state.version };
      }
      if (!decision.ok) return decision;
      const view = viewOf(decision.steps[decision.steps.length - 1]!.state);
      const outcome = { hash: commandHash, result: JSON.stringify(view) };
      await this.commit(decision.steps, state.status, decision.actor!, options.idempotencyKey, outcome);
      return { ok: true, case: view, replayed: false };
    });
    phases.commit = since(started);
    if (result.ok && !result.replayed) await this.deliver(phases);
    return result.ok ? { ...result, phases } : result;
  }

  /** Applies warnings and deadlines due at `nowMs` (alarm or sweep); harmless when already applied. */
  async tick(nowMs: number): Promise<{ applied: string[] }> {
    const applied = await this.ctx.blockConcurrencyWhile(async () => {
      const state = this.store.state();
      if (!state) return [];
      // The step's clock for an open case; the follow-up time for a closed one (never both).
      const steps = [...tick(state, new Date(nowMs)), ...followUpTick(state, new Date(nowMs))];
      if (steps.length > 0) await this.commit(steps, state.status, SYSTEM_ACTOR, null);
      return steps.map((s) => s.type);
    });
    await this.deliver();
    return { applied };
  }

  /** A platform withdrew its order: the case closes as invalid (only while it is still open). */
  async cancel(reason: string, actor: Actor): Promise<CommandResult> {
    return this.run({ cancel: reason, sub: actor.sub }, { expectedVersion: null, idempotencyKey: null }, (state) =>
      decideForPlatform(state, { name: "cancel", body: { reason } }, actor, new Date()),
    );
  }

  /**
   * A platform's amendment of its order (`case.amended`). `idempotencyKey` is derived from the order and the note,
   * so a redelivered amendment answers what the first one did and is logged once.
   */
  async amend(amendment: Amendment, actor: Actor, idempotencyKey: string): Promise<CommandResult> {
    return this.run({ amendment, sub: actor.sub }, { expectedVersion: null, idempotencyKey }, (state) =>
      decideForPlatform(state, { name: "amend", body: amendment }, actor, new Date()),
    );
  }

  /**
   * Issue 16 media: a stored file joins the case (`case.media_attached`, its SHA-256 in the hash chain). A file sent
   * to a signed upload URL names the URL's id: the URL is spent in the same call, and a second use is refused.
   */
  async attachMedia(item: MediaItem, actor: Actor, uploadJti: string | null): Promise<CommandResult> {
    const options = { expectedVersion: null, idempotencyKey: null };
    return this.run({ media: item.mediaId, sub: actor.sub }, options, (state): ActorDecision => {
      if (uploadJti !== null && this.uploadUrlUsed(uploadJti))
        return { ok: false, code: "invalid_transition", detail: UPLOAD_URL_USED };
      const decision = attachMedia(state, item, actor, new Date());
      if (decision.ok && uploadJti !== null) this.ctx.storage.kv.put(`upload-url:${uploadJti}`, item.mediaId);
      return decision;
    });
  }

  /** Whether a signed upload URL was spent already (asked before its body is read). */
  uploadUrlUsed(jti: string): boolean {
    return this.ctx.storage.kv.get(`upload-url:${jti}`) !== undefined;
  }

  snapshot(): CaseState | null {
    return this.store.state();
  }

  archive(): CaseArchive | null {
    const state = this.store.state();
    if (!state) return null;
    return {
      case: viewOf(state),
      events: this.store.events(),
      supervisions: this.store.supervisions(),
      exportedAt: new Date().toISOString(),
    };
  }

  /** The hash chain, and (issue 16 media) each stored original re-hashed against the SHA-256 its event logged. */
  async verify(): Promise<ArchiveVerification> {
    const events = this.store.events();
    const chain = await verifyChain(
      events.map(({ hash, prevHash, ...body }) => ({ version: body.version, prevHash, hash, body })),
    );
    const state = this.store.state();
    const logged = events
      .filter((e) => e.type === "case.media_attached")
      .map((e) => ({ mediaId: String(e.payload.mediaId), sha256: String(e.payload.sha256) }));
    if (!state || logged.length === 0) return chain;
    const mismatches = await mediaMismatches(this.env.MEDIA, state.id, logged);
    return { ...chain, valid: chain.valid && mismatches.length === 0, mediaMismatches: mismatches };
  }

  /** The resident's view, only for the holder of the follow token given at reporting. */
  publicView(tokenHash: string): PublicCaseView | null {
    const state = this.store.state();
    if (!state || !holdsFollowToken(state, tokenHash)) return null;
    const timeline = this.store.events().map((e) => ({ at: e.at, status: e.to, type: e.type }));
    return publicViewOf(state, timeline);
  }

  override async alarm(): Promise<void> {
    // The instant this alarm was set for: its effect is what is due then (an alarm never fires early in production).
    const scheduled = this.store.meta("alarm_at") ?? Date.now();
    await this.tick(Math.max(Date.now(), scheduled));
  }

  /** The first answer to this idempotency key, or a refusal when the key came with a different command; null when unseen. */
  private replayOf(idempotencyKey: string | null, commandHash: string): CommandResult | null {
    if (!idempotencyKey) return null;
    const seen = this.store.command(idempotencyKey);
    if (!seen) return null;
    if (seen.hash !== commandHash)
      return {
        ok: false,
        code: "idempotency_key_reused",
        detail: "this Idempotency-Key was used with a different command",
      };
    return { ok: true, case: JSON.parse(seen.result) as CaseView, replayed: true };
  }

  /** Writes the steps, their hash-chained events, outbox rows and supervisions in one storage transaction. */
  private async commit(
    steps: Step[],
    previous: CaseState["status"] | null,
    actor: Actor,
    idempotencyKey: string | null,
    command?: { hash: string; result: string },
  ): Promise<void> {
    let prevHash = this.store.lastHash() ?? GENESIS_HASH;
    let from = previous;
    const records: { record: CaseEventRecord; envelope: string; step: Step }[] = [];
    for (const step of steps) {
      const s = step.state;
      const body = {
        version: s.version,
        type: step.type,
        actor,
        at: s.updatedAt,
        from,
        to: s.status,
        payload: step.details,
        idempotencyKey,
      };
      const hash = await chainHash(prevHash, body);
      records.push({
        record: { ...body, prevHash, hash },
        envelope: JSON.stringify(envelopeOf(step, from, actor)),
        step,
      });
      prevHash = hash;
      from = s.status;
    }
    this.ctx.storage.transactionSync(() => {
      for (const { record, envelope, step } of records) {
        this.store.appendEvent(record);
        this.store.enqueue(record.version, envelope);
        if (step.type === "case.supervised") {
          const s = step.state;
          this.store.addSupervision({
            id: `${s.id}:${s.version}`,
            caseId: s.id,
            step: s.step!,
            responsibleUnit: String(step.details.responsibleUnit),
            dueAt: s.dueAt!,
            createdAt: s.updatedAt,
            countyCode: s.countyCode,
          });
        }
      }
      this.store.saveState(steps[steps.length - 1]!.state);
      if (command && idempotencyKey) this.store.saveCommand(idempotencyKey, command.hash, command.result);
    });
  }

  /** Sends unsent outbox rows to every consumer's queue, projects the state into D1, and sets the next alarm. */
  private async deliver(phases: PhaseTimes = {}): Promise<void> {
    let failed = false;
    let started = performance.now();
    try {
      for (const row of this.store.unsent()) {
        const body = JSON.parse(row.envelope) as unknown;
        // Each queue is marked on its own, so a retry resends only to the queues that have not taken it yet.
        for (const { binding, flag } of OUTBOX_QUEUES) {
          if (row[flag]) continue;
          await this.env[binding].send(body);
          this.store.markSent(row.version, flag);
        }
      }
      phases.queues = since(started);
      const state = this.store.state();
      await this.carryMergedReporters(state);
      await this.fileRulingChange(state);
      started = performance.now();
      if (state && (this.store.meta("projected_version") ?? 0) < state.version) {
        const readModel = database(readModelOf(this.env, state.countyCode));
        await projectCase(readModel, state, this.store.supervisions());
        await projectDispute(readModel, state);
        await projectFollowUp(readModel, state);
        this.store.setMeta("projected_version", state.version);
      }
      phases.project = since(started);
    } catch (error) {
      failed = true;
      log("warn", "case delivery failed; the alarm retries it", {
        caseId: this.store.state()?.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
    started = performance.now();
    await this.schedule(failed);
    phases.alarm = since(started);
  }

  /** Once merged, this case's reporters join the case it was merged into (retried by the alarm until done). */
  private async carryMergedReporters(state: CaseState | null): Promise<void> {
    if (state?.status !== "merged" || !state.mergedInto || this.store.meta("reporters_carried")) return;
    const result = await caseStub(this.env, state.mergedInto).carryReporters(reportersOf(state));
    if (!result.ok) throw new Error(`carrying the reporters to ${state.mergedInto} failed: ${result.detail}`);
    this.store.setMeta("reporters_carried", state.version);
  }

  /**
   * A return ruling that asked for a change to the county's matters list files it in the registry (retried by the
   * alarm until done; the request's id comes from the ruling, so a retry files nothing twice).
   */
  private async fileRulingChange(state: CaseState | null): Promise<void> {
    const claim = state?.returnClaim;
    if (!state || !claim?.matterChange || !claim.matterChangeRequestId || !claim.ruledBy || !claim.ruledAt) return;
    const ruledAt = Date.parse(claim.ruledAt);
    if (this.store.meta("matter_change_filed") === ruledAt) return;
    await this.env.REGISTRY.fileMatterChange({
      id: claim.matterChangeRequestId,
      countyCode: state.countyCode,
      change: claim.matterChange,
      reason:
        `退单裁定 ${state.id}（${claim.status === "upheld" ? "退单成立" : "退单不成立"}）：${claim.opinion ?? ""}`.slice(
          0,
          1000,
        ),
      requestedBy: claim.ruledBy.sub,
      requesterUnit: claim.ruledBy.unit,
    });
    this.store.setMeta("matter_change_filed", ruledAt);
  }

  private async schedule(retry: boolean): Promise<void> {
    const state = this.store.state();
    const due = state ? nextAttentionAt(state) : null;
    const candidates = [due ? Date.parse(due) : Infinity, retry ? Date.now() + RETRY_MS : Infinity];
    const at = Math.min(...candidates);
    if (at === Infinity) {
      await this.ctx.storage.deleteAlarm();
      return;
    }
    this.store.setMeta("alarm_at", at);
    await this.ctx.storage.setAlarm(at);
  }
}
