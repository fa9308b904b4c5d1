import { DurableObject } from "cloudflare:workers";
import { log, sha256Hex } from "@civicgrid/http";
import type {
  ArchiveVerification,
  CaseArchive,
  CaseCommands,
  CaseEventRecord,
  CaseView,
  MediaItem,
  Principal,
  EventEnvelope,
  PublicCaseView,
} from "@civicgrid/contracts";
import type { readScope } from "../domain";
import {
  canonicalJson,
  carryReporters,
  chainHash,
  commandsFor,
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
import { projectVersion } from "../store/projection";
import { readModelOf } from "../store/shards";
import { publicViewOf } from "../read-model/public-record";
import { envelopeOf, viewOf } from "./envelope";
import { sendOutbox } from "./delivery";
import { CaseStore } from "./storage";
import { attachMedia } from "../media/attach";
import { mediaMismatches } from "../media/store";

/** How long each phase of a command took inside the object, in ms (Server-Timing `cases-do-<phase>`). */
export type PhaseTimes = Record<string, number>;

export type CommandResult =
  | {
      ok: true;
      case: CaseView;
      replayed: boolean;
      phases?: PhaseTimes;
      /** The read model's D1 session bookmark after this command's projection (null: none given, or not projected). */
      bookmark?: string | null;
    }
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

/** What GET /v1/cases/{id} needs: the version, what decides who may read it, and the view as JSON text. */
export interface CaseRead {
  version: number;
  scope: ReadScopeFields;
  json: string;
}
export type ReadScopeFields = Parameters<typeof readScope>[0];

/**
 * One case: the authoritative state, its hash-chained event log, the outbox of its queue messages and its
 * deadline alarm. Each command runs under blockConcurrencyWhile, so no other call sees or changes the case
 * between its version check and its commit; delivery (queues, read model) happens after the commit and is
 * retried from the alarm until done.
 */
export class CaseDO extends DurableObject<Env> {
  private readonly store: CaseStore;
  /** The envelopes of this object's commits not yet taken by every queue, as objects (see sendOutbox). */
  private readonly envelopes = new Map<number, EventEnvelope>();
  /** The queue deliveries, one after another: a retry from the alarm waits for the one under way. */
  private delivery: Promise<void> = Promise.resolve();
  /**
   * The read view of the current version, kept in memory (one per object, replaced at each commit), so a read does
   * not rebuild it from the stored state. The object is the only writer of its storage, so a commit is the only
   * thing that changes it.
   */
  private current: CaseRead | null = null;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new CaseStore(ctx.storage);
  }

  async open(input: NewCase, actor: Actor): Promise<CommandResult> {
    const phases: PhaseTimes = {};
    const started = performance.now();
    let committed: CaseState | null = null;
    const result = await this.ctx.blockConcurrencyWhile(async (): Promise<CommandResult> => {
      const existing = this.store.state();
      if (existing) return { ok: false, code: "conflict", detail: `case ${input.id} already exists` };
      const steps = openCase(input, new Date());
      committed = steps[steps.length - 1]!.state;
      const view = viewOf(committed);
      await this.commit(steps, null, actor, null, view);
      return { ok: true, case: view, replayed: false };
    });
    phases.commit = since(started);
    if (!result.ok || !committed) return result;
    const bookmark = await this.settle(committed, phases);
    return { ...result, phases, bookmark };
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
    let committed: CaseState | null = null;
    const result = await this.ctx.blockConcurrencyWhile(async (): Promise<CommandResult> => {
      const state = this.store.state();
      if (!state) return { ok: false, code: "not_found", detail: "no such case" };
      // The same key with the same command (and caller) answers what it answered first, before any version check.
      // Without a key there is nothing to match, so the command is not hashed.
      const key = options.idempotencyKey;
      const commandHash = key ? await sha256Hex(canonicalJson(identity)) : null;
      const replay = key && commandHash ? this.replayOf(key, commandHash) : null;
      if (replay) return replay;
      const decision = decideOn(state);
      // Jurisdiction first: a caller outside it learns neither the state nor the version.
      if (!decision.ok && decision.code === "forbidden") return decision;
      if (options.expectedVersion !== null && options.expectedVersion !== state.version) {
        const detail = `the case is at version ${state.version}, not ${options.expectedVersion}; read it again`;
        return { ok: false, code: "precondition_failed", detail, currentVersion: state.version };
      }
      if (!decision.ok) return decision;
      committed = decision.steps[decision.steps.length - 1]!.state;
      const view = viewOf(committed);
      await this.commit(decision.steps, state.status, decision.actor!, key, view, commandHash);
      return { ok: true, case: view, replayed: false };
    });
    phases.commit = since(started);
    if (!result.ok || !committed) return result;
    const bookmark = await this.settle(committed, phases);
    return { ...result, phases, bookmark };
  }

  /** Applies warnings and deadlines due at `nowMs` (alarm or sweep); harmless when already applied. */
  async tick(nowMs: number): Promise<{ applied: string[] }> {
    const applied = await this.ctx.blockConcurrencyWhile(async () => {
      const state = this.store.state();
      if (!state) return [];
      // The step's clock for an open case; the follow-up time for a closed one (never both).
      const steps = [...tick(state, new Date(nowMs)), ...followUpTick(state, new Date(nowMs))];
      if (steps.length > 0)
        await this.commit(steps, state.status, SYSTEM_ACTOR, null, viewOf(steps[steps.length - 1]!.state));
      return steps.map((s) => s.type);
    });
    // Whatever is still owed (this tick's steps, or a projection or queue that failed before) is done now.
    const state = this.store.state();
    if (state) await this.settle(state, {}, true);
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

  /** GET /v1/cases/{id}: the current version's view, kept in memory from the last commit or the first read. */
  read(): CaseRead | null {
    if (this.current) return this.current;
    const state = this.store.state();
    if (state) this.current = readOf(state, viewOf(state));
    return this.current;
  }

  /** GET /v1/cases/{id}/commands: what this principal may do to the case at its current version. */
  commands(principal: Principal): CaseCommands | null {
    const state = this.store.state();
    return state ? { version: state.version, allowed: commandsFor(state, principal) } : null;
  }

  /** Resolves once the queue deliveries started so far are done (taken, or left for the alarm's retry). */
  delivered(): Promise<void> {
    return this.delivery;
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
    view: CaseView,
    commandHash: string | null = null,
  ): Promise<void> {
    // The view as JSON once: kept for reads, and as the answer a replayed Idempotency-Key gives.
    const json = JSON.stringify(view);
    let prevHash = this.store.lastHash() ?? GENESIS_HASH;
    let from = previous;
    const records: { record: CaseEventRecord; envelope: EventEnvelope; text: string; step: Step }[] = [];
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
      const envelope = envelopeOf(step, from, actor);
      records.push({ record: { ...body, prevHash, hash }, envelope, text: JSON.stringify(envelope), step });
      prevHash = hash;
      from = s.status;
    }
    this.ctx.storage.transactionSync(() => {
      for (const { record, text, step } of records) {
        this.store.appendEvent(record);
        this.store.enqueue(record.version, text);
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
      if (commandHash && idempotencyKey) this.store.saveCommand(idempotencyKey, commandHash, json);
    });
    for (const { record, envelope } of records) this.envelopes.set(record.version, envelope);
    this.current = readOf(steps[steps.length - 1]!.state, view, json);
  }

  /**
   * What follows a commit. On the caller's path: the read-model projection (one D1 batch; a reader of lists sees the
   * change once the response is out, and with its bookmark even on a replica), the merged case's reporters and a
   * ruling's change request (rare; their tests read them right after), then the alarm. Off it: the queue sends, which
   * are asynchronous for their consumers anyway; they run in the background, one delivery after another, and the
   * alarm set before the response retries them (RETRY_MS) should the object stop before they are taken. `awaitQueues`
   * (the alarm) waits for them. A failure of any part is logged and retried from the alarm.
   */
  private async settle(state: CaseState, phases: PhaseTimes, awaitQueues = false): Promise<string | null> {
    let started = performance.now();
    let bookmark: string | null = null;
    let failed = false;
    try {
      bookmark = await this.project(state);
      phases.project = since(started);
      started = performance.now();
      await this.carryMergedReporters(state);
      await this.fileRulingChange(state);
    } catch (error) {
      failed = true;
      log("warn", "case delivery failed; the alarm retries it", { caseId: state.id, error: messageOf(error) });
    }
    this.schedule(state, failed);
    phases.alarm = since(started);
    const queues = this.deliverQueues(state);
    if (awaitQueues) await queues;
    else this.ctx.waitUntil(queues);
    return bookmark;
  }

  /** The state's version in the read model (once per version); the session's bookmark after it, or null. */
  private async project(state: CaseState): Promise<string | null> {
    if ((this.store.meta("projected_version") ?? 0) >= state.version) return null;
    const readModel = readModelOf(this.env, state.countyCode);
    const bookmark = await projectVersion(readModel, state, this.store.supervisions());
    this.store.setMeta("projected_version", state.version);
    return bookmark;
  }

  /** Chains a queue delivery after the one under way; the alarm is set again once it is done. */
  private deliverQueues(state: CaseState): Promise<void> {
    const run = this.delivery.then(async () => {
      const ok = await sendOutbox(this.env, this.store, this.envelopes, state.id);
      if (!ok) this.schedule(state, true);
      else if (!this.store.hasUnsent()) this.schedule(this.store.state() ?? state, false);
    });
    this.delivery = run.catch((error: unknown) => {
      log("warn", "case delivery failed; the alarm retries it", { caseId: state.id, error: messageOf(error) });
    });
    return this.delivery;
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

  /**
   * Sets the alarm: the case's next deadline, or sooner, RETRY_MS from now, while something is owed (a failed part,
   * an outbox row no queue took yet, a version not projected). Synchronous up to the storage call, so two calls set
   * the alarm in the order they were made; the output gate holds the response until it is stored.
   */
  private schedule(state: CaseState, retry: boolean): void {
    const owed = retry || this.store.hasUnsent() || (this.store.meta("projected_version") ?? 0) < state.version;
    const due = nextAttentionAt(state);
    const at = Math.min(due ? Date.parse(due) : Infinity, owed ? Date.now() + RETRY_MS : Infinity);
    if (at === Infinity) {
      void this.ctx.storage.deleteAlarm();
      return;
    }
    this.store.setMeta("alarm_at", at);
    void this.ctx.storage.setAlarm(at);
  }
}

/** What a read needs of a version: who may read it, and the view as JSON (made once). */
function readOf(state: CaseState, view: CaseView, json = JSON.stringify(view)): CaseRead {
  const { villageCode, townshipCode, countyCode, gridCode, leadDepartmentId, assistingDepartmentIds } = state;
  const scope = { villageCode, townshipCode, countyCode, gridCode, leadDepartmentId, assistingDepartmentIds };
  return {
    version: state.version,
    scope: { ...scope, reporterSub: state.reporterSub, coReporters: state.coReporters },
    json,
  };
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));
