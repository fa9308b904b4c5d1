import type { CampaignStatus, CampaignSummary } from "@civicgrid/contracts";
import {
  and,
  desc,
  eq,
  exists,
  getTableColumns,
  gt,
  inArray,
  isNotNull,
  isNull,
  like,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from "drizzle-orm";
import { campaignStatus } from "../domain/campaigns";
import { database } from "./db";
import { campaignGrids, campaigns } from "./schema";

type Row = typeof campaigns.$inferSelect;
export type CampaignRecord = Row & { gridCodes: string[] };

/** The campaign's grids, as one JSON array per row (a list reads them in the same query). */
const gridsOf = sql<string>`(SELECT json_group_array(${campaignGrids.gridCode}) FROM ${campaignGrids}
  WHERE ${campaignGrids.campaignId} = ${campaigns.id})`;

const record = (r: Row & { grids: string }): CampaignRecord => {
  const { grids, ...row } = r;
  return { ...row, gridCodes: (JSON.parse(grids) as string[]).sort() };
};

export function summaryOf(c: CampaignRecord, now: Date): CampaignSummary {
  return {
    id: c.id,
    name: c.name,
    purpose: c.purpose,
    divisionCode: c.divisionCode,
    gridCodes: c.gridCodes,
    from: c.fromDay,
    to: c.toDay,
    status: campaignStatus(c, now),
    closedAt: c.closedAt,
    closedBy: c.closedBy,
    createdBy: c.createdBy,
    createdAt: c.createdAt,
  };
}

/** A campaign and its grids, written together. */
export async function insertCampaign(
  d1: D1Database,
  row: typeof campaigns.$inferInsert,
  grids: readonly { gridCode: string; villageCode: string }[],
): Promise<void> {
  const db = database(d1);
  await db.batch([
    db.insert(campaigns).values(row),
    ...grids.map((g) => db.insert(campaignGrids).values({ campaignId: row.id, ...g })),
  ]);
}

export async function campaignOf(d1: D1Database, id: string): Promise<CampaignRecord | null> {
  const row = await database(d1)
    .select({ ...getTableColumns(campaigns), grids: gridsOf })
    .from(campaigns)
    .where(eq(campaigns.id, id))
    .get();
  return row ? record(row) : null;
}

/** Closes a campaign still running (planned or open); answers whether it did. */
export async function closeCampaign(d1: D1Database, id: string, by: string, at: Date, today: string) {
  const rows = await database(d1)
    .update(campaigns)
    .set({ closedAt: at.toISOString(), closedBy: by })
    .where(and(eq(campaigns.id, id), isNull(campaigns.closedAt), sql`${campaigns.toDay} >= ${today}`))
    .returning({ id: campaigns.id });
  return rows.length > 0;
}

/** The status filter in SQL, as campaignStatus decides it (`today`: Asia/Shanghai). */
function statusIs(status: CampaignStatus, today: string): SQL | undefined {
  const running = and(isNull(campaigns.closedAt), sql`${campaigns.toDay} >= ${today}`);
  if (status === "closed") return or(isNotNull(campaigns.closedAt), lt(campaigns.toDay, today));
  return and(running, status === "planned" ? gt(campaigns.fromDay, today) : lte(campaigns.fromDay, today));
}

export interface CampaignFilter {
  /** An agency: campaigns it opened below it, or covering a grid under it (a division prefix). */
  prefix?: string;
  /** A grid worker: campaigns covering these grids. */
  grids?: readonly string[];
  gridCode?: string | undefined;
  status?: CampaignStatus | undefined;
  before?: string | undefined;
  limit: number;
}

/** Campaigns newest first (ids are time-ordered), keyset on the id. */
export async function listCampaigns(d1: D1Database, f: CampaignFilter, today: string): Promise<CampaignRecord[]> {
  const db = database(d1);
  const covering = (where: SQL | undefined) =>
    exists(
      db
        .select({ one: sql`1` })
        .from(campaignGrids)
        .where(and(eq(campaignGrids.campaignId, campaigns.id), where)),
    );
  const rows = await db
    .select({ ...getTableColumns(campaigns), grids: gridsOf })
    .from(campaigns)
    .where(
      and(
        f.prefix === undefined
          ? undefined
          : or(like(campaigns.divisionCode, `${f.prefix}%`), covering(like(campaignGrids.gridCode, `${f.prefix}%`))),
        f.grids === undefined ? undefined : covering(inArray(campaignGrids.gridCode, [...f.grids])),
        f.gridCode ? covering(eq(campaignGrids.gridCode, f.gridCode)) : undefined,
        f.status ? statusIs(f.status, today) : undefined,
        f.before ? lt(campaigns.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(campaigns.id))
    .limit(f.limit);
  return rows.map(record);
}
