import type { components } from "@civicgrid/client";
import { useEffect, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { UnitNames } from "./departments";
import { EVENT_NAMES, STATUS_NAMES, when, type Case } from "./labels";

type CaseArchive = components["schemas"]["CaseArchive"];
type EventRecord = components["schemas"]["CaseEventRecord"];

/** What an event's payload says that a reader needs: notes, reasons, opinions, outcomes. */
function said(e: EventRecord): string {
  const p = e.payload;
  const parts = ["note", "reason", "opinion", "outcome", "comment"]
    .map((k) => p[k])
    .filter((v): v is string => typeof v === "string" && v.length > 0);
  return parts.join("；");
}

/**
 * The case's history (电子档案): the hash-chained event log the case keeps; once archived, the stored export (the
 * archive itself). Reloaded whenever the case's version changes.
 */
export function Timeline({ c }: { c: Case }) {
  const [archive, setArchive] = useState<CaseArchive | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const archived = c.status === "archived";
  useEffect(() => {
    let live = true;
    const read = archived
      ? api.GET("/v1/cases/{id}/archive/export", { params: { path: { id: c.id } } })
      : api.GET("/v1/cases/{id}/archive", { params: { path: { id: c.id } } });
    must(read)
      .then((a) => live && (setArchive(a), setProblem(null)))
      .catch((e: unknown) => live && setProblem(shownProblem(e)));
    return () => void (live = false);
  }, [c.id, c.version, archived]);

  return (
    <section class="card" aria-labelledby="timeline-h">
      <h2 id="timeline-h">办理过程{archived ? "（来自归档）" : "（电子档案）"}</h2>
      {problem && <ProblemText problem={problem} />}
      {archive && (
        <ol class="timeline">
          {archive.events.map((e) => (
            <li key={e.version}>
              <strong>{EVENT_NAMES[e.type] ?? e.type}</strong> <span class="muted">{when(e.at)}</span>
              <div class="small">
                {e.actor.unit ? <UnitNames ids={[e.actor.unit]} /> : e.actor.sub}
                {e.from !== e.to ? ` · ${e.from ? STATUS_NAMES[e.from] : "—"} → ${STATUS_NAMES[e.to]}` : ""}
              </div>
              {said(e) && <div>{said(e)}</div>}
            </li>
          ))}
        </ol>
      )}
      {archive && archive.supervisions.length > 0 && <p class="badge overdue">督办 {archive.supervisions.length} 次</p>}
    </section>
  );
}
