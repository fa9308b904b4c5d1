import type { LayoutFindings } from "@civicgrid/contracts";
import { checkVillage, emptyFindings, type VillageLayout } from "./layout-rules";

/** The rules over every village a change touches, findings merged. */
export function checkLayout(villages: readonly VillageLayout[]): LayoutFindings {
  const findings = emptyFindings();
  for (const village of villages) checkVillage(village, findings);
  return findings;
}
