import { sql } from "drizzle-orm";
import type { AnySQLiteColumn, SQLiteInsertValue } from "drizzle-orm/sqlite-core";
import type { CaseState } from "../domain";
import type { Db } from "./db";
import { runStatements, type Statement } from "./statements";
import { disputeCases, disputeParties } from "./schema";

/** Statuses in which the case is still being worked: the early-warning list shows only these. */
const OPEN = new Set(["reported", "verified", "accepted", "dispatched", "signed", "handled"]);

const excluded = (column: AnySQLiteColumn) => sql.raw(`excluded.${column.name}`);

/**
 * The police the 命案风险 notice named (Gansu 二(一)1(2)), as the case's object kept them when it warned (from the
 * county's rules of that moment); null until it warned. Kept once written (see NEWER).
 */
function warnedDepartments(d: NonNullable<CaseState["dispute"]>): string | null {
  return d.risk.policeWarnedAt ? JSON.stringify(d.warnedDepartmentIds ?? []) : null;
}

function rowOf(s: CaseState, d: NonNullable<CaseState["dispute"]>): SQLiteInsertValue<typeof disputeCases> {
  return {
    caseId: s.id,
    version: s.version,
    title: s.title,
    caseStatus: s.status,
    open: OPEN.has(s.status) ? 1 : 0,
    countyCode: s.countyCode,
    divisionCode: s.villageCode ?? s.townshipCode ?? s.countyCode,
    gridCode: s.gridCode,
    holderDivisionCode: s.holderDivisionCode,
    stage: d.stage,
    relation: d.relation,
    riskLevel: d.risk.level,
    riskSince: s.updatedAt,
    mediatorId: d.mediation?.mediatorId ?? null,
    mediatorKind: d.mediation?.mediatorKind ?? null,
    threat: d.threats.length > 0 ? 1 : 0,
    violence: d.threats.some((t) => t.violence) ? 1 : 0,
    countyWarnedAt: d.risk.countyWarnedAt,
    policeWarnedAt: d.risk.policeWarnedAt,
    warnedDepartmentIds: warnedDepartments(d),
    recordedAt: d.recordedAt,
    updatedAt: s.updatedAt,
  };
}

/** What a newer version replaces; the level's start stays while the level stays, the police warned stay once named. */
const NEWER = {
  version: excluded(disputeCases.version),
  title: excluded(disputeCases.title),
  caseStatus: excluded(disputeCases.caseStatus),
  open: excluded(disputeCases.open),
  holderDivisionCode: excluded(disputeCases.holderDivisionCode),
  stage: excluded(disputeCases.stage),
  relation: excluded(disputeCases.relation),
  riskLevel: excluded(disputeCases.riskLevel),
  riskSince: sql`CASE WHEN ${disputeCases.riskLevel} = excluded.risk_level THEN ${disputeCases.riskSince}
    ELSE excluded.risk_since END`,
  mediatorId: excluded(disputeCases.mediatorId),
  mediatorKind: excluded(disputeCases.mediatorKind),
  threat: excluded(disputeCases.threat),
  violence: excluded(disputeCases.violence),
  countyWarnedAt: excluded(disputeCases.countyWarnedAt),
  policeWarnedAt: excluded(disputeCases.policeWarnedAt),
  warnedDepartmentIds: sql`COALESCE(${disputeCases.warnedDepartmentIds}, excluded.warned_department_ids)`,
  recordedAt: excluded(disputeCases.recordedAt),
  updatedAt: excluded(disputeCases.updatedAt),
};

/**
 * The statements that write one committed version of a dispute case into the disputes' read model (plan rule 7): its
 * row, and its parties' repeat keys replaced. Like the case's, the party rows change only when the row now holds
 * exactly this version, so a redelivered or older projection changes nothing. A case that is no dispute has none.
 */
export function disputeStatements(db: Db, s: CaseState): Statement[] {
  const d = s.dispute;
  if (!d) return [];
  const isCurrent = sql`(SELECT ${disputeCases.version} FROM ${disputeCases} WHERE ${disputeCases.caseId} = ${s.id})
    = ${s.version}`;
  const keys = [...new Set(d.parties.map((p) => p.key).filter((k): k is string => k !== null))];
  return [
    db
      .insert(disputeCases)
      .values(rowOf(s, d))
      .onConflictDoUpdate({
        target: disputeCases.caseId,
        set: NEWER,
        setWhere: sql`excluded.version > ${disputeCases.version}`,
      }),
    db.delete(disputeParties).where(sql`${disputeParties.caseId} = ${s.id} AND ${isCurrent}`),
    ...keys.map((key) =>
      db
        .insert(disputeParties)
        .select(sql`SELECT ${s.id}, ${key}, ${s.countyCode}, ${d.recordedAt} WHERE ${isCurrent}`)
        .onConflictDoNothing(),
    ),
  ];
}

/** Writes one committed version of a dispute case into the disputes' read model, in one D1 batch. */
export async function projectDispute(db: Db, s: CaseState): Promise<void> {
  await runStatements(db, disputeStatements(db, s));
}
