import { log } from "@civicgrid/http";
import type { Env } from "../env";
import { villageStub } from "../env";
import { villagesUnder } from "../store/villages";
import { settingsOf } from "../store/settings";
import type { DailyJob } from "./daily";

/** The ISO day `days` before `at`. */
export function daysBefore(at: Date, days: number): string {
  const d = new Date(at.getTime());
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/**
 * People who moved out or died are kept no longer than their county's retention period (PIPL art. 19: no longer
 * than the purpose needs; settings.retentionDays), then anonymised. Village by village from D1 `villages`, each
 * county's settings read once; a village failing is logged and the others go on.
 */
export const anonymiseJob: DailyJob = {
  name: "anonymise",
  async run(env: Env, at: Date) {
    const villages = await villagesUnder(env.DB, "");
    const cutoffs = new Map<string, string>();
    let anonymised = 0;
    let failed = 0;
    for (const v of villages) {
      if (!cutoffs.has(v.countyCode))
        cutoffs.set(v.countyCode, daysBefore(at, (await settingsOf(env.DB, v.countyCode)).retentionDays));
      try {
        const done = await villageStub(env, v.code).anonymise(
          v.code,
          { goneOn: cutoffs.get(v.countyCode)! },
          { by: "system", source: "anonymise" },
        );
        anonymised += done.length;
      } catch (error) {
        failed += 1;
        log("error", "anonymisation failed for a village", { villageCode: v.code, error: String(error) });
      }
    }
    return { villages: villages.length, anonymised, failed };
  },
};
