import { csvLine } from "@civicgrid/contracts";

/** The CSV encoding is shared (contracts csv.ts): an export and the assessments' indicator CSV write alike. */
export { BOM, csvField, csvLine } from "@civicgrid/contracts";

/**
 * The first line of every export: who took it, when, of what and why (the item 9: exports carry who and
 * when). It starts with "#" so a reader can skip it; the header row of the columns follows.
 */
export function exportHeading(meta: {
  id: string;
  kind: string;
  divisionCode: string;
  by: string;
  at: string;
  purpose: string;
}) {
  return csvLine([
    `# civicgrid 基础数据导出 ${meta.id}`,
    `kind=${meta.kind}`,
    `division=${meta.divisionCode}`,
    `by=${meta.by}`,
    `at=${meta.at}`,
    `purpose=${meta.purpose}`,
  ]);
}
