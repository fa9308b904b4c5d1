import {
  defaultRiskRules,
  RiskRulesBody,
  type CountyRiskRules,
  type RiskRule,
  type RiskRulesBody as RulesBody,
} from "@civicgrid/contracts";
import { eq } from "drizzle-orm";
import type { Db } from "./db";
import { disputeRiskRules } from "./schema";

type Row = typeof disputeRiskRules.$inferSelect;

/**
 * The county's rules as stored, read through the contract again: a row written under an older shape of the rules
 * fails loudly here rather than running a rule nobody can read.
 */
function rulesOf(row: Row): CountyRiskRules {
  const body = RiskRulesBody.parse({
    rules: JSON.parse(row.rules) as RiskRule[],
    policeDepartmentIds: JSON.parse(row.policeDepartmentIds) as string[],
  });
  return { ...body, countyCode: row.countyCode, custom: true, updatedBy: row.updatedBy, updatedAt: row.updatedAt };
}

/** The dispute risk rules of a county (12-digit code): its own when set, otherwise the defaults. */
export async function riskRulesOf(db: Db, countyCode: string): Promise<CountyRiskRules> {
  const row = await db.select().from(disputeRiskRules).where(eq(disputeRiskRules.countyCode, countyCode)).get();
  return row ? rulesOf(row) : defaultRiskRules(countyCode);
}

/** Replaces a county's rules (the whole set: rules are read together, so they are written together). */
export async function saveRiskRules(db: Db, countyCode: string, body: RulesBody, by: string): Promise<CountyRiskRules> {
  const row: Row = {
    countyCode,
    rules: JSON.stringify(body.rules),
    policeDepartmentIds: JSON.stringify(body.policeDepartmentIds),
    updatedBy: by,
    updatedAt: new Date().toISOString(),
  };
  const { countyCode: _key, ...changes } = row;
  await db
    .insert(disputeRiskRules)
    .values(row)
    .onConflictDoUpdate({ target: disputeRiskRules.countyCode, set: changes });
  return rulesOf(row);
}
