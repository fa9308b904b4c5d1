import type { components } from "@civicgrid/client";
import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { when } from "./labels";

export type MediaItem = components["schemas"]["MediaItem"];
type Stage = MediaItem["stage"];
type Phase = MediaItem["phase"];

const STAGE_NAMES: Record<Stage, string> = {
  report: "上报",
  resolution: "现场处置",
  handling: "部门处置",
  check: "核查",
};
const PHASE_NAMES: Record<Phase, string> = { before: "处置前", after: "处置后", none: "" };

/** Attaches one file to the case (multipart: the file, its stage and phase); the stored item as the API answers. */
export async function upload(caseId: string, file: File, stage: Stage, phase: Phase): Promise<MediaItem> {
  return must(
    api.POST("/v1/cases/{id}/media", {
      params: { path: { id: caseId } },
      body: { file: file as unknown as string, stage, phase },
      // openapi-fetch sends JSON unless told: the route takes multipart/form-data (the browser sets the boundary).
      bodySerializer: () => {
        const form = new FormData();
        form.set("file", file, file.name);
        form.set("stage", stage);
        form.set("phase", phase);
        return form;
      },
    }),
  );
}

/** The case's photos: each read with the user's token (an <img src> could not send it) and shown from a blob URL. */
export function Photos({ caseId, refresh }: { caseId: string; refresh: string }) {
  const [items, setItems] = useState<MediaItem[] | null>(null);
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    let live = true;
    must(api.GET("/v1/cases/{id}/media", { params: { path: { id: caseId } } }))
      .then((list) => live && (setItems(list.items), setProblem(null)))
      .catch((e: unknown) => live && setProblem(shownProblem(e)));
    return () => void (live = false);
  }, [caseId, refresh]);
  useEffect(() => {
    const missing = (items ?? []).filter((m) => m.kind === "photo" && !urls[m.mediaId]);
    if (!missing.length) return;
    let live = true;
    void Promise.all(
      missing.map(async (m) => {
        const blob = await must(
          api.GET("/v1/cases/{id}/media/{mediaId}", {
            params: { path: { id: caseId, mediaId: m.mediaId } },
            parseAs: "blob",
          }),
        );
        return [m.mediaId, URL.createObjectURL(blob as unknown as Blob)] as const;
      }),
    )
      .then((got) => live && setUrls((u) => ({ ...u, ...Object.fromEntries(got) })))
      .catch((e: unknown) => live && setProblem(shownProblem(e)));
    return () => void (live = false);
  }, [items]);
  useEffect(() => () => Object.values(urls).forEach((u) => URL.revokeObjectURL(u)), []);

  return (
    <section class="card" aria-labelledby="photos-h">
      <h2 id="photos-h">照片与附件</h2>
      {problem && <ProblemText problem={problem} />}
      {items && !items.length && <p class="muted">暂无照片。</p>}
      {items && items.length > 0 && (
        <ul class="photos">
          {items.map((m) => {
            const label = `${STAGE_NAMES[m.stage]}${PHASE_NAMES[m.phase] ? `（${PHASE_NAMES[m.phase]}）` : ""}照片，${when(m.at)}`;
            return (
              <li key={m.mediaId}>
                {m.kind === "photo" && urls[m.mediaId] ? (
                  <img src={urls[m.mediaId]} alt={label} />
                ) : (
                  <span>{m.kind === "photo" ? "加载中…" : m.contentType}</span>
                )}
                <div class="small muted">
                  {label}
                  {m.far ? "（拍摄地点距案发地较远）" : ""}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
