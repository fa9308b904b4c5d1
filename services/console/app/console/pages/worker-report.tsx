import { useRef, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { onLink } from "../../shared/router";
import { useSession } from "../../shared/session";
import { countyOf, MatterSelect } from "../field/categories";
import { currentPosition, type LngLat } from "../field/geo";
import { attachPhoto } from "../field/photo";

type Priority = "normal" | "urgent" | "emergency";

/** Reporting a case where the worker stands: the phone's position, a photo from its camera, what and how urgent. */
export function WorkerReport() {
  const division = useSession()?.user.division ?? "";
  const [at, setAt] = useState<LngLat | null>(null);
  const [title, setTitle] = useState("");
  const [description, setDescription] = useState("");
  const [categoryCode, setCategory] = useState("");
  const [priority, setPriority] = useState<Priority>("normal");
  const [photo, setPhoto] = useState<File | null>(null);
  const photoInput = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [reported, setReported] = useState<{ id: string; photo: boolean } | null>(null);

  const locate = async () => {
    setProblem(null);
    try {
      setAt(await currentPosition());
    } catch (e) {
      setProblem(shownProblem(e));
    }
  };

  const submit = async (e: Event) => {
    e.preventDefault();
    setProblem(null);
    setReported(null);
    setBusy(true);
    try {
      const where = at ?? (await currentPosition());
      setAt(where);
      const opened = await must(
        api.POST("/v1/cases", { body: { title, description, categoryCode, priority, lng: where.lng, lat: where.lat } }),
      );
      // The case exists from here on: a failed photo is shown and can be added on the case page, not a lost report.
      setReported({ id: opened.id, photo: false });
      if (photo) {
        await attachPhoto(opened.id, photo, where);
        setReported({ id: opened.id, photo: true });
      }
      setTitle("");
      setDescription("");
      setPhoto(null);
      if (photoInput.current) photoInput.current.value = "";
    } catch (err) {
      setProblem(shownProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card" aria-labelledby="report-h">
      <h2 id="report-h">事件上报</h2>
      <form onSubmit={submit}>
        <div class="field-head">
          <p aria-live="polite">
            {at ? `当前位置：${at.lng.toFixed(6)}, ${at.lat.toFixed(6)}` : "尚未定位（提交时自动定位）"}
          </p>
          <button type="button" onClick={() => void locate()}>
            获取当前位置
          </button>
        </div>
        <label>
          标题
          <input required maxLength={100} value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </label>
        <label>
          情况描述
          <textarea required rows={3} value={description} onInput={(e) => setDescription(e.currentTarget.value)} />
        </label>
        <MatterSelect countyCode={countyOf(division)} value={categoryCode} onChange={setCategory} />
        <label>
          紧急程度
          <select value={priority} onChange={(e) => setPriority(e.currentTarget.value as Priority)}>
            <option value="normal">一般</option>
            <option value="urgent">紧急</option>
            <option value="emergency">特急</option>
          </select>
        </label>
        <label>
          现场照片
          <input
            ref={photoInput}
            type="file"
            accept="image/*"
            capture="environment"
            onChange={(e) => setPhoto(e.currentTarget.files?.[0] ?? null)}
          />
        </label>
        <button class="primary" type="submit" disabled={busy}>
          {busy ? "提交中…" : "上报"}
        </button>
      </form>
      {problem && <ProblemText problem={problem} />}
      {reported && (
        <p role="status">
          已上报{reported.photo ? "（含照片）" : ""}：
          <a href={`/cases/${reported.id}`} onClick={onLink} data-case-id={reported.id}>
            {reported.id}
          </a>
        </p>
      )}
    </section>
  );
}
