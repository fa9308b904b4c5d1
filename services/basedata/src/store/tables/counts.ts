import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * 底数 per grid, as each village object computes them from its own records and pushes them here after a change (and
 * daily for visits due): township, county and city counts are sums over these rows, never a scan of people.
 */
export const gridCounts = sqliteTable(
  "grid_counts",
  {
    gridCode: text("grid_code").primaryKey(),
    villageCode: text("village_code").notNull(),
    townshipCode: text("township_code").notNull(),
    countyCode: text("county_code").notNull(),
    registered: integer("registered").notNull().default(0),
    floating: integer("floating").notNull().default(0),
    foreign: integer("foreign").notNull().default(0),
    households: integer("households").notNull().default(0),
    houses: integer("houses").notNull().default(0),
    rentedHouses: integer("rented_houses").notNull().default(0),
    units: integer("units").notNull().default(0),
    /** JSON object: tag kind → people currently tagged. */
    tagged: text("tagged").notNull().default("{}"),
    visitsDue: integer("visits_due").notNull().default(0),
    visitsOverdue: integer("visits_overdue").notNull().default(0),
    /** The village object's count version: a late push never overwrites a newer one. */
    version: integer("version").notNull(),
    asOf: text("as_of").notNull(),
  },
  (t) => [
    index("grid_counts_village").on(t.villageCode),
    index("grid_counts_township").on(t.townshipCode),
    index("grid_counts_county").on(t.countyCode),
  ],
);
