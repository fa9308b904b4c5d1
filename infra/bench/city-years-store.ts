// One county's stores of the city-years simulation, on disk: the cases read model (services/cases migrations; its
// hot tables hold what the archive policy keeps), the archived cases' slim index, and the assessments' facts
// (services/assessments migrations: every case event and every indicator measure, for as long as the service keeps
// them, which today is for ever). Rows go in through prepared statements, a transaction per batch.
import path from "node:path";
import type { DatabaseSync, StatementSync } from "node:sqlite";
import { measuresOf, type IndicatorEvent } from "../../services/assessments/src/domain/indicators";
import { DAY, type SimCase } from "./city-years-lifecycle";
import { migratedSqlite, sqliteBytes } from "./sqlite-migrated";

/** Terminal cases leave the hot tables this long after their terminal time (issue 17's archive policy). */
export const ARCHIVE_AFTER_MS = 90 * DAY;

// LOCAL DDL, until helper i17-archive's cases migration 0009_archive.sql (table `archived_cases`) is in this branch:
// a copy of that migration's table and indexes (branch i17-archive, commit e7d649f). Applied only when the
// migrations did not create the table; delete it once 0009 is merged.
const ARCHIVED_CASES_DDL = `
CREATE TABLE archived_cases (
  id text PRIMARY KEY NOT NULL, version integer NOT NULL, title text NOT NULL, county_code text NOT NULL,
  township_code text, village_code text, grid_code text, division_code text NOT NULL, category_code text NOT NULL,
  status text NOT NULL, lead_department_id text, reporter_sub text, opened_at text NOT NULL, closed_at text NOT NULL,
  archived_at text NOT NULL, archive_key text NOT NULL, sha256 text NOT NULL
);
CREATE INDEX archived_cases_division ON archived_cases (division_code, closed_at DESC, id DESC);
CREATE INDEX archived_cases_grid ON archived_cases (grid_code, closed_at DESC, id DESC);
CREATE INDEX archived_cases_closed ON archived_cases (closed_at DESC, id DESC);
CREATE INDEX archived_cases_reporter ON archived_cases (reporter_sub);
CREATE INDEX archived_cases_department ON archived_cases (lead_department_id);`;

const PHRASES = [
  "附近，群众反映多次，请尽快处理",
  "路段，夜间影响通行安全",
  "一带，已持续数日，居民意见较大",
  "旁边，网格员巡查发现，现场已拍照",
  "门口，存在安全隐患，需相关部门处置",
];

const iso = (ms: number) => new Date(ms).toISOString();

/** A bench load, not a durable store: the journal in memory (node:sqlite's defensive mode refuses OFF), no fsync,
 * a large page cache (64 MB). */
const FAST = "PRAGMA journal_mode = MEMORY; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536";

export class CountyStore {
  readonly cases: DatabaseSync;
  readonly facts: DatabaseSync;
  readonly archivedInCasesDb: boolean;
  private readonly ins: Record<string, StatementSync>;
  rows = { hot: 0, archived: 0, events: 0, measures: 0 };

  constructor(
    readonly county: string,
    dir: string,
    private readonly names: Map<string, string>,
  ) {
    this.cases = migratedSqlite("cases", path.join(dir, `cases-${county}.sqlite`), FAST);
    const exists = this.cases
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'archived_cases'")
      .get();
    this.archivedInCasesDb = !!exists;
    if (!exists) this.cases.exec(ARCHIVED_CASES_DDL);
    this.facts = migratedSqlite("assessments", path.join(dir, `facts-${county}.sqlite`), FAST);
    this.ins = {
      case: this.cases.prepare(
        `INSERT INTO cases (id, version, status, title, category_code, priority, source, grid_code, village_code,
           township_code, county_code, division_code, holder_division_code, lead_department_id, reporter_sub, step,
           due_at, warned, overdue, next_due_at, created_at, updated_at, summary, public, lng, lat, fts_rowid)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      // The FTS row at the rowid its case keeps (cases.fts_rowid, migration 0010), as the projection writes it.
      fts: this.cases.prepare("INSERT INTO cases_fts (rowid, case_id, title, description) VALUES (?, ?, ?, ?)"),
      department: this.cases.prepare(
        "INSERT INTO case_departments (case_id, department_id, role) VALUES (?, ?, 'lead')",
      ),
      supervision: this.cases.prepare(
        `INSERT INTO supervisions (id, case_id, step, responsible_unit, due_at, county_code, division_code, created_at)
         VALUES (?, ?, 'handle', ?, ?, ?, ?, ?)`,
      ),
      archived: this.cases.prepare(
        `INSERT INTO archived_cases (id, version, title, county_code, township_code, village_code, grid_code,
           division_code, category_code, status, lead_department_id, reporter_sub, opened_at, closed_at, archived_at,
           archive_key, sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      event: this.facts.prepare(
        `INSERT INTO case_events (id, type, case_id, version, occurred_at, day, actor_sub, actor_role, actor_unit,
           category_code, source, grid_code, village_code, township_code, county_code, lead_department_id,
           responsible_unit, due_at, rating) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      measure: this.facts.prepare(
        `INSERT INTO indicator_facts (case_id, measure, version, day, county_code, township_code, grid_code,
           department_id, hit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
    };
  }

  begin(): void {
    this.cases.exec("BEGIN");
    this.facts.exec("BEGIN");
  }

  commit(): void {
    this.cases.exec("COMMIT");
    this.facts.exec("COMMIT");
  }

  /** One case: its facts always; its read-model rows while hot, else its archived row. */
  add(s: SimCase, id: string, n: number, now: number): void {
    const { c } = s;
    const township = `${c.villageCode.slice(0, 9)}000`;
    const worker = `worker-${c.gridCode}`;
    const facts: IndicatorEvent[] = s.events.map((e, i) => {
      const at = iso(e.at);
      // Asia/Shanghai calendar day, as the service stores it.
      const day = iso(e.at + 8 * 3_600_000).slice(0, 10);
      const byDepartment = e.type === "case.signed" || e.type === "case.handled";
      this.ins.event!.run(
        `${id}-${String(i + 1).padStart(3, "0")}-${crypto.randomUUID().slice(0, 17)}`,
        e.type,
        id,
        i + 1,
        at,
        day,
        byDepartment && s.departmentId ? `staff-${s.departmentId}` : worker,
        byDepartment ? "department" : "grid_worker",
        byDepartment && s.departmentId ? s.departmentId : c.villageCode,
        c.categoryCode,
        c.source,
        c.gridCode,
        c.villageCode,
        township,
        this.county,
        s.departmentId,
        byDepartment ? s.departmentId : c.villageCode,
        e.due === null ? null : iso(e.due),
        e.rating,
      );
      return {
        caseId: id,
        type: e.type,
        version: i + 1,
        occurredAt: at,
        day,
        dueAt: e.due === null ? null : iso(e.due),
        rating: e.rating,
        leadDepartmentId: s.departmentId,
        responsibleUnit: byDepartment ? s.departmentId : c.villageCode,
        gridCode: c.gridCode,
        townshipCode: township,
        countyCode: this.county,
      };
    });
    this.rows.events += facts.length;
    for (const m of measuresOf(facts)) {
      this.ins.measure!.run(
        m.caseId,
        m.measure,
        m.version,
        m.day,
        m.countyCode,
        m.townshipCode,
        m.gridCode,
        m.departmentId,
        m.hit,
      );
      this.rows.measures++;
    }
    const opened = iso(s.reportedAt);
    const category = this.names.get(c.categoryCode) ?? c.categoryCode;
    const place = `${c.gridCode.slice(-3)}号网格${(n % 90) + 1}号`;
    const title = `${category}：${place}`;
    const reporter = c.source === "resident" ? `resident-${n % 50_000}` : worker;
    if (s.terminalAt !== null && s.terminalAt + ARCHIVE_AFTER_MS <= now) {
      const month = iso(s.terminalAt).slice(0, 7).replace("-", "/");
      this.ins.archived!.run(
        id,
        s.events.length,
        title,
        this.county,
        township,
        c.villageCode,
        c.gridCode,
        c.villageCode,
        c.categoryCode,
        s.status,
        s.departmentId,
        reporter,
        opened,
        iso(s.terminalAt),
        iso(s.terminalAt + ARCHIVE_AFTER_MS),
        `archive/${this.county}/${month}/${id}.json`,
        // the SHA-256 of the exported archive, hex (64 characters)
        `${crypto.randomUUID()}${crypto.randomUUID()}`.replaceAll("-", ""),
      );
      this.rows.archived++;
      return;
    }
    const description = `${place}${PHRASES[n % PHRASES.length]}（${category}）`;
    const updated = iso(s.events.at(-1)!.at);
    const holder = s.departmentId ?? c.villageCode;
    const summary = {
      id,
      version: s.events.length,
      status: s.status,
      title,
      categoryCode: c.categoryCode,
      priority: c.priority,
      source: c.source,
      gridCode: c.gridCode,
      countyCode: this.county,
      holderDivisionCode: c.villageCode,
      leadDepartmentId: s.departmentId,
      step: s.step,
      dueAt: s.dueAt === null ? null : iso(s.dueAt),
      warned: s.warned,
      overdue: s.overdue,
      createdAt: opened,
      updatedAt: updated,
    };
    const record = {
      caseId: id,
      categoryCode: c.categoryCode,
      categoryName: category,
      status: s.status,
      description,
      address: null,
      lat: c.lat,
      lng: c.lng,
      requestedAt: opened,
      updatedAt: updated,
      expectedAt: summary.dueAt,
      agencyResponsible: holder,
      statusNotes: null,
    };
    this.ins.case!.run(
      id,
      s.events.length,
      s.status,
      title,
      c.categoryCode,
      c.priority,
      c.source,
      c.gridCode,
      c.villageCode,
      township,
      this.county,
      c.villageCode,
      c.villageCode,
      s.departmentId,
      reporter,
      s.step,
      summary.dueAt,
      s.warned ? 1 : 0,
      s.overdue ? 1 : 0,
      s.dueAt,
      opened,
      updated,
      JSON.stringify(summary),
      JSON.stringify(record),
      c.lng,
      c.lat,
      this.rows.hot + 1,
    );
    this.ins.fts!.run(this.rows.hot + 1, id, title, description);
    if (s.departmentId) this.ins.department!.run(id, s.departmentId);
    const supervised = s.events.find((e) => e.type === "case.supervised");
    if (supervised)
      this.ins.supervision!.run(
        `SUP-${id}`,
        id,
        s.departmentId ?? c.villageCode,
        iso(supervised.at),
        this.county,
        c.villageCode,
        iso(supervised.at),
      );
    this.rows.hot++;
  }

  /** Bytes of the cases DB (hot tables and, while it lives there, the archived index) and of the facts DB. */
  sizes(): { casesDb: number; archived: number; facts: number } {
    return { casesDb: sqliteBytes(this.cases), archived: archivedBytes(this.cases), facts: sqliteBytes(this.facts) };
  }

  close(): void {
    this.cases.close();
    this.facts.close();
  }
}

/** Bytes of the archived_cases table and its indexes, from SQLite's dbstat (pages per b-tree). */
function archivedBytes(sqlite: DatabaseSync): number {
  const row = sqlite
    .prepare(
      `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name = 'archived_cases' OR name IN
         (SELECT name FROM sqlite_master WHERE tbl_name = 'archived_cases')`,
    )
    .get() as { bytes: number | null };
  return row.bytes ?? 0;
}
