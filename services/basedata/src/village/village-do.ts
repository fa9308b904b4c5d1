import { DurableObject } from "cloudflare:workers";
import type {
  Change,
  Decision,
  ExportKind,
  FieldChange,
  HouseholdView,
  PersonHit,
  PersonView,
  Submission,
  SubmissionStatus,
  Visit,
  VisitEvery,
  VisitPlanEntry,
} from "@civicgrid/contracts";
import { log } from "@civicgrid/http";
import { piiKeys } from "@civicgrid/http/pii";
import { and, asc, desc, eq, inArray, lt } from "drizzle-orm";
import { migrate } from "drizzle-orm/durable-sqlite/migrator";
import type { Actor } from "../domain/actor";
import type { Outcome } from "../domain/refusal";
import type { Env } from "../env";
import type { ChangeContext } from "./changes/types";
import { villageDb, type VillageDb } from "./db";
import { deliverOutbox } from "./delivery";
import { exportPage } from "./export-rows";
import { applyImportChunk, type ChunkApplied, type ChunkInput } from "./import-chunk";
import migrations from "./migrations";
import { fieldChanges, meta, outbox, submissions } from "./schema";
import { anonymiseIn, subjectRecord, unmaskedValues } from "./people/privacy";
import { householdView, personView, searchVillage, type VillageSearch } from "./people/reads";
import { scopesOf, type RecordScope } from "./scopes";
import { decide, submit, submissionView } from "./submissions";
import { addressDetail, listAddresses, publicAddresses } from "./places/address-read";
import { houseDetail, linkHouseCase, listHouses } from "./places/house-read";
import { listUnits, unitDetail } from "./places/unit-read";
import { listVisits, visitOf, type VisitFilter } from "./visits/list";
import { remindVisits, visitPlan } from "./visits/plan";
import { recordVisit, type VisitInput } from "./visits/record";
import { campaignTargets, type GridTargets } from "./visits/screening";
import { partiesOf, type VillageParty } from "./people/parties";

/** How long after a failed delivery the alarm tries again. */
const RETRY_MS = 30_000;

/**
 * One village's base data (一标三实): its standard addresses, houses, households, people, units, tags, visits and the
 * submissions that change them, in the object's own SQLite (a few thousand people per village; the 10 GB limit of
 * an object is far away). Every change is one transaction; what others must hear of it goes through the outbox,
 * delivered after the commit and retried from the alarm. Named by the village's 12-digit code.
 */
export class VillageDO extends DurableObject<Env> {
  private readonly db: VillageDb;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.db = villageDb(ctx.storage);
    void ctx.blockConcurrencyWhile(() => migrate(this.db, migrations));
  }

  private async context(villageCode: string, actor: Actor): Promise<ChangeContext> {
    this.db.insert(meta).values({ key: "village", value: villageCode }).onConflictDoNothing().run();
    const keys = await piiKeys(this.env.PII_KEY, "civicgrid-basedata");
    return { db: this.db, villageCode, actor, now: new Date(), env: this.env, keys };
  }

  /** A change collected (grid worker) or entered (agency, verifyNow); see domain/submission-lifecycle.ts. */
  async submit(
    villageCode: string,
    input: { change: Change; verifyNow: boolean; source: string },
    actor: Actor,
    idemKey: string | null,
  ): Promise<Outcome<Submission>> {
    const outcome = await submit(await this.context(villageCode, actor), this.ctx.storage, input, idemKey);
    await this.deliverSoon();
    return outcome;
  }

  async decide(
    villageCode: string,
    input: {
      submissionId: string;
      decision: Decision["decision"] | "withdraw";
      note?: string;
      expectedVersion: number | null;
    },
    actor: Actor,
    idemKey: string | null,
  ): Promise<Outcome<Submission>> {
    const outcome = await decide(await this.context(villageCode, actor), this.ctx.storage, input, idemKey);
    await this.deliverSoon();
    return outcome;
  }

  submission(villageCode: string, id: string): Submission | null {
    const row = this.db.select().from(submissions).where(eq(submissions.id, id)).get();
    return row ? submissionView(row, villageCode) : null;
  }

  /** Submissions newest first, by status and grids (null: every grid of the village), keyset on the id. */
  submissions(
    villageCode: string,
    query: { status?: SubmissionStatus; grids: string[] | null; before?: string; limit: number },
  ): Submission[] {
    const rows = this.db
      .select()
      .from(submissions)
      .where(
        and(
          query.status ? eq(submissions.status, query.status) : undefined,
          query.before ? lt(submissions.id, query.before) : undefined,
          query.grids === null ? undefined : inArray(submissions.gridCode, query.grids),
        ),
      )
      .orderBy(desc(submissions.id))
      .limit(query.limit)
      .all();
    return rows.map((r) => submissionView(r, villageCode));
  }

  /** The field history of one record, oldest first. */
  history(recordId: string): FieldChange[] {
    return this.db
      .select()
      .from(fieldChanges)
      .where(eq(fieldChanges.recordId, recordId))
      .orderBy(asc(fieldChanges.seq))
      .all()
      .map(({ seq: _seq, ...change }) => change);
  }

  /** Where each named record lies, for the routes' jurisdiction checks (absent: no such record here). */
  scopes(villageCode: string, ids: string[]): Record<string, RecordScope> {
    return scopesOf(this.db, villageCode, ids);
  }

  // ---- places (标准地址, 实有房屋, 实有单位): thin delegates to village/places/*-read.ts ----

  addresses(villageCode: string, query: Parameters<typeof listAddresses>[2]) {
    return listAddresses(this.db, villageCode, query);
  }

  address(villageCode: string, id: string) {
    return addressDetail(this.db, villageCode, id);
  }

  publicAddresses(villageCode: string, q: string, limit: number) {
    return publicAddresses(this.db, villageCode, q, limit);
  }

  houses(villageCode: string, query: Parameters<typeof listHouses>[2]) {
    return listHouses(this.db, villageCode, query);
  }

  house(villageCode: string, id: string) {
    return houseDetail(this.db, villageCode, id, new Date());
  }

  linkHouseCase(input: { houseId: string; caseId: string }, actor: Actor) {
    return linkHouseCase(this.db, input, actor, new Date());
  }

  units(villageCode: string, query: Parameters<typeof listUnits>[2]) {
    return listUnits(this.db, villageCode, query);
  }

  unit(villageCode: string, id: string) {
    return unitDetail(this.db, villageCode, id);
  }

  // ---- end of places ----

  // ---- counts (底数) and exports (issue 14 items 9-10): counts are pushed by the outbox ("counts", village/counts.ts)

  /** A page of the village's records for an export, masked and without tags (village/export-rows.ts). */
  exportPage(kind: ExportKind, after: string, limit: number): (string | number | boolean | null)[][] {
    return exportPage(this.db, kind, after, limit);
  }

  // ---- people, households, tags and privacy (issue items 4, 6, 9, 12): thin delegates to village/people/* ----

  /** A person, masked, with every tag: the route keeps those the caller may see (domain/tag-visibility.ts). */
  person(villageCode: string, id: string): PersonView | null {
    return personView(this.db, villageCode, id);
  }

  household(villageCode: string, id: string): HouseholdView | null {
    return householdView(this.db, villageCode, id);
  }

  searchPeople(villageCode: string, query: VillageSearch): PersonHit[] {
    return searchVillage(this.db, villageCode, query);
  }

  /** Decrypted identity and phone, for the audited unmasked read (the route logs it before answering). */
  async unmasked(id: string, fields: ("idNumber" | "phone")[]) {
    return unmaskedValues(this.db, await piiKeys(this.env.PII_KEY, "civicgrid-basedata"), id, fields);
  }

  async subjectAccess(villageCode: string, id: string) {
    return subjectRecord(this.db, await piiKeys(this.env.PII_KEY, "civicgrid-basedata"), villageCode, id);
  }

  /** Anonymises people (an erasure) or everyone gone on or before a day (retention); answers the ids done. */
  async anonymise(
    villageCode: string,
    which: { ids: string[] } | { goneOn: string },
    meta: { by: string; source: string },
  ): Promise<string[]> {
    const keys = await piiKeys(this.env.PII_KEY, "civicgrid-basedata");
    const ctx = { db: this.db, villageCode, now: new Date(), keys };
    const done = await anonymiseIn(this.ctx.storage, ctx, which, meta);
    await this.deliverSoon();
    return done;
  }

  // ── Home visits (走访): thin delegates to village/visits/ ──────────────────────────────────────────────────

  /** Records a visit the route has placed in a grid the worker serves; its cases and events go out by the outbox. */
  async recordVisit(villageCode: string, input: VisitInput): Promise<Outcome<Visit>> {
    this.db.insert(meta).values({ key: "village", value: villageCode }).onConflictDoNothing().run();
    const outcome = recordVisit(this.db, this.ctx.storage, villageCode, input, new Date());
    await this.deliverSoon();
    return outcome;
  }

  // ── imports (台账导入): see import-chunk.ts ──────────────────────────────────────────────────────────────────

  /** One chunk of a validated ledger import, all its rows in one transaction, idempotent on (import, chunk). */
  async applyImportChunk(villageCode: string, input: ChunkInput, actor: Actor): Promise<Outcome<ChunkApplied>> {
    const outcome = await applyImportChunk(await this.context(villageCode, actor), this.ctx.storage, input);
    await this.deliverSoon();
    return outcome;
  }

  visits(villageCode: string, filter: VisitFilter): Visit[] {
    return listVisits(this.db, villageCode, filter);
  }

  visit(villageCode: string, id: string): Visit | null {
    return visitOf(this.db, villageCode, id);
  }

  /** Who is due a visit on `today` (Asia/Shanghai) under the county's rules; names masked. */
  visitPlan(rules: Record<string, VisitEvery | null>, today: string): VisitPlanEntry[] {
    return visitPlan(this.db, rules, today);
  }

  /** The daily run: each grid's visits due and overdue, and a reminder per grid with any (counts only). */
  async remindVisits(villageCode: string, rules: Record<string, VisitEvery | null>, today: string) {
    const totals = remindVisits(this.db, villageCode, rules, today, new Date());
    await this.deliverSoon();
    return totals;
  }

  /** What a campaign screens in this village's grids and how many of `screened` are among it (visits/screening.ts). */
  campaignTargets(grids: string[], screened: string[]): Record<string, GridTargets> {
    return campaignTargets(this.db, grids, screened, new Date());
  }

  /** Dispute parties among this village's people and units (rpc/parties.ts): masked names, grids, open tags. */
  parties(ids: string[]): Record<string, VillageParty> {
    return partiesOf(this.db, ids, new Date());
  }

  private async deliverSoon(): Promise<void> {
    const pending = this.db.select({ id: outbox.id }).from(outbox).limit(1).get();
    if (pending && (await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now());
  }

  override async alarm(): Promise<void> {
    const village = this.db.select().from(meta).where(eq(meta.key, "village")).get()?.value;
    if (!village) return;
    try {
      // Behind but not failing: the next batch at once; a destination that failed: again after a pause.
      const { failed, more } = await deliverOutbox(this.db, this.env, village);
      if (failed) await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
      else if (more) await this.ctx.storage.setAlarm(Date.now());
    } catch (error) {
      log("error", "village alarm failed", { village, error: String(error) });
      await this.ctx.storage.setAlarm(Date.now() + RETRY_MS);
    }
  }
}
