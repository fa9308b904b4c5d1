import type { City } from "@civicgrid/demo-data";

const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;

/**
 * Demo notifications state (run by infra/local/demo-sql.ts): the demo resident subscribes to the
 * demo grid worker's grid, and each county's police duty line keeps quiet hours 22:00–07:00, so the
 * deferral and the morning digest can be seen locally. Rules and templates come from the migrations.
 */
export function demoStatements(city: City): string[] {
  const at = "2026-01-01T00:00:00.000Z";
  const statements = [
    `INSERT OR IGNORE INTO subscriptions (sub, grid_code, created_at) VALUES ('demo-resident', '440703002101001', ${quote(at)})`,
  ];
  for (const dept of city.departments.filter((d) => d.id.endsWith("-police"))) {
    statements.push(
      `INSERT OR IGNORE INTO preferences (owner_key, quiet_start, quiet_end, digest, version, updated_at) VALUES (${quote(`dept:${dept.id}`)}, '22:00', '07:00', 0, 1, ${quote(at)})`,
    );
  }
  return statements;
}
