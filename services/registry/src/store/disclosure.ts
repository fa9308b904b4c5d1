import { scrubPublicText, type PublicGridWithCounts } from "@civicgrid/contracts";
import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/sqlite-core";
import type { Db, Statement } from "./db";
import { inForceOn } from "./grids";
import { disclosureServers, divisions, gridBaseCounts, gridVersions, type DisclosedServer } from "./schema";

const ROLE_ORDER = ["chief", "full_time", "part_time", "professional", "auxiliary"] as const;
const village = alias(divisions, "v");
const township = alias(divisions, "t");
const county = alias(divisions, "k");

/**
 * The public facts of a grid in force on `date` (公示), or null when none is. What agencies type (names, the
 * area description) is free text and goes out scrubbed of phone numbers, ID numbers and e-mails (Jiangmen
 * 第二十二条); the work phones and the supervision phone are what the 公示 is for, so they stay shown. Households and
 * population are shown once the base data has counted the grid (底数, issue 14 item 10): aggregates, never who.
 */
export async function publicGrid(db: Db, code: string, date: string): Promise<PublicGridWithCounts | null> {
  const grid = await db
    .select({
      code: gridVersions.code,
      name: gridVersions.name,
      type: gridVersions.type,
      unitName: gridVersions.unitName,
      areaDescription: gridVersions.areaDescription,
      supervisionPhone: gridVersions.supervisionPhone,
      villageName: village.name,
      townshipName: township.name,
      countyName: county.name,
      servers: disclosureServers.servers,
      households: gridBaseCounts.households,
      population: gridBaseCounts.population,
      countedAt: gridBaseCounts.asOf,
    })
    .from(gridVersions)
    .leftJoin(village, eq(village.code, gridVersions.villageCode))
    .leftJoin(township, eq(township.code, village.parentCode))
    .leftJoin(county, eq(county.code, township.parentCode))
    .leftJoin(disclosureServers, eq(disclosureServers.gridCode, gridVersions.code))
    .leftJoin(gridBaseCounts, eq(gridBaseCounts.gridCode, gridVersions.code))
    .where(and(eq(gridVersions.code, code), inForceOn(date)))
    .get();
  if (!grid) return null;
  const servers = (grid.servers ?? [])
    .map(({ name, role, workPhone }) => ({ name: scrubPublicText(name), role, workPhone }))
    .sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name, "zh-CN"));
  return {
    code: grid.code,
    name: scrubPublicText(grid.name),
    type: grid.type,
    unitName: scrubPublicText(grid.unitName),
    villageName: scrubPublicText(grid.villageName ?? ""),
    townshipName: scrubPublicText(grid.townshipName ?? ""),
    countyName: scrubPublicText(grid.countyName ?? ""),
    areaDescription: scrubPublicText(grid.areaDescription),
    supervisionPhone: grid.supervisionPhone,
    workers: servers,
    ...(grid.countedAt !== null && grid.households !== null && grid.population !== null
      ? { counts: { households: grid.households, population: grid.population, asOf: grid.countedAt } }
      : {}),
  };
}

/**
 * A roster snapshot of who serves a grid, kept only when newer than the one shown (the envelope version
 * orders snapshots per grid), so redelivery and reordering change nothing.
 */
export function upsertServers(
  db: Db,
  snapshot: { gridCode: string; version: number; servers: DisclosedServer[]; eventId: string },
): Statement {
  const row = { ...snapshot, updatedAt: new Date().toISOString() };
  return db
    .insert(disclosureServers)
    .values(row)
    .onConflictDoUpdate({
      target: disclosureServers.gridCode,
      set: { version: row.version, servers: row.servers, eventId: row.eventId, updatedAt: row.updatedAt },
      setWhere: sql`excluded.version > ${disclosureServers.version}`,
    });
}

/** "This snapshot is the one now shown": the projection row carries its event id. */
export const shows = (gridCode: string, eventId: string) =>
  sql`EXISTS (SELECT 1 FROM ${disclosureServers}
    WHERE ${disclosureServers.gridCode} = ${gridCode} AND ${disclosureServers.eventId} = ${eventId})`;
