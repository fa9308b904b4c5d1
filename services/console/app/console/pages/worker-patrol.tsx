import { useEffect, useRef, useState } from "preact/hooks";
import { api, must } from "../../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../../shared/problem";
import { currentPosition, PointBatcher, type TrackPoint } from "../field/geo";
import { when } from "../field/labels";

type Patrol = Awaited<ReturnType<typeof startPatrol>>;
type Day = Awaited<ReturnType<typeof loadDay>>;

const startPatrol = () => must(api.POST("/v1/patrols", { body: {} }));
const loadDay = (day: string) => must(api.GET("/v1/patrols/days/{day}", { params: { path: { day } } }));

/** Today in the phone's time zone, as the API names days: 2026-12-02. */
function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

/** Check-in and the patrol: the position at check-in, and the track while patrolling, sent in batches. */
export function WorkerPatrol() {
  const [day, setDay] = useState<Day | null>(null);
  const [checkedAt, setCheckedAt] = useState<string | null>(null);
  const [patrol, setPatrol] = useState<Patrol | null>(null);
  const [sent, setSent] = useState(0);
  const [recorded, setRecorded] = useState(0);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const batcher = useRef<PointBatcher | null>(null);

  const refreshDay = () => loadDay(today()).then(setDay, (e: unknown) => setProblem(shownProblem(e)));
  useEffect(() => {
    void refreshDay();
    // Leaving the page stops following the device (the points so far are sent).
    return () => void batcher.current?.stop().catch(() => undefined);
  }, []);

  const run = async (work: () => Promise<void>) => {
    setProblem(null);
    setBusy(true);
    try {
      await work();
    } catch (e) {
      setProblem(shownProblem(e));
    } finally {
      setBusy(false);
    }
  };

  const checkIn = () =>
    run(async () => {
      const at = await currentPosition();
      const c = await must(api.POST("/v1/checkins", { body: at }));
      setCheckedAt(c.at);
      await refreshDay();
    });

  const start = () =>
    run(async () => {
      const p = await startPatrol();
      setPatrol(p);
      setSent(0);
      setRecorded(0);
      const send = async (points: TrackPoint[]) => {
        const updated = await must(
          api.POST("/v1/patrols/{id}/points", { params: { path: { id: p.id } }, body: { points } }),
        );
        setPatrol(updated);
        setSent(updated.pointCount);
      };
      batcher.current = new PointBatcher(
        send,
        (message) => setProblem({ title: "巡查轨迹", detail: message }),
        setRecorded,
      );
      batcher.current.start();
    });

  const stop = () =>
    run(async () => {
      if (!patrol) return;
      await batcher.current?.stop();
      batcher.current = null;
      setPatrol(await must(api.POST("/v1/patrols/{id}/end", { params: { path: { id: patrol.id } }, body: {} })));
      await refreshDay();
    });

  const open = patrol?.status === "open";
  return (
    <section class="card" aria-labelledby="patrol-h">
      <h2 id="patrol-h">签到与巡查</h2>
      <p class="muted" aria-live="polite">
        {day
          ? `今日：${day.checkedIn ? "已签到" : "未签到"}，巡查 ${day.patrolMinutes} / ${day.minimumMinutes} 分钟，${day.distanceM} 米`
          : "正在读取今日记录…"}
      </p>
      <div class="field-actions">
        <button type="button" onClick={() => void checkIn()} disabled={busy}>
          签到
        </button>
        {open ? (
          <button type="button" class="primary" onClick={() => void stop()} disabled={busy}>
            结束巡查
          </button>
        ) : (
          <button type="button" class="primary" onClick={() => void start()} disabled={busy}>
            开始巡查
          </button>
        )}
      </div>
      {checkedAt && <p role="status">已签到：{when(checkedAt)}</p>}
      {patrol && (
        <p role="status">
          {open
            ? `巡查中（开始于 ${when(patrol.startedAt)}），已记录 ${recorded} 个轨迹点，已上传 ${sent} 个`
            : `巡查已结束：${patrol.pointCount} 个轨迹点，计 ${patrol.countedMinutes} 分钟、${patrol.countedDistanceM} 米${
                patrol.coveredGrids.length ? `，覆盖网格 ${patrol.coveredGrids.join("、")}` : ""
              }`}
        </p>
      )}
      {problem && <ProblemText problem={problem} />}
    </section>
  );
}
