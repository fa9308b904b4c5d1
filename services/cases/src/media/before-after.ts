import type { CaseState } from "../domain/case-state";

/** Which record's photos a command needs, when the matter asks for before and after photos. */
const STAGE_OF = { "resolve-on-site": "resolution", handle: "handling" } as const;

/** Why `command` lacks its before/after photos on this case, or null when it has them or needs none. */
export function beforeAfterMissing(state: CaseState, command: keyof typeof STAGE_OF): string | null {
  if (!state.beforeAfterPhotos?.includes(command)) return null;
  const stage = STAGE_OF[command];
  const photos = (state.media ?? []).filter((m) => m.kind === "photo" && m.stage === stage);
  const missing = (["before", "after"] as const).filter((phase) => !photos.some((m) => m.phase === phase));
  if (missing.length === 0) return null;
  return `this matter needs a before and an after photo of stage ${stage} for ${command}; missing: ${missing.join(", ")}`;
}
