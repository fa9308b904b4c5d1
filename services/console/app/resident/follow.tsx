import { useEffect, useRef, useState } from "preact/hooks";
import { ApiError, problemOf, type components } from "@civicgrid/client";
import { api, must } from "../shared/api";
import { ProblemText, shownProblem, type ShownProblem } from "../shared/problem";
import { navigate, onLink } from "../shared/router";
import { keepToken, keptToken } from "./follow-tokens";
import { RATING, STATUS, stepName, when, type Rating } from "./labels";

type View = components["schemas"]["PublicCaseView"];

/** How often an open follow page asks again while the tab is visible. */
const POLL_MS = 10_000;

/**
 * The case as its follow token shows it. Sends If-None-Match with the last ETag when the API gave one, so an
 * unchanged case costs a 304 and no body.
 */
async function readCase(id: string, token: string, etag: string | null) {
  const { data, error, response } = await api.GET("/v1/public/cases/{id}", {
    params: { path: { id }, header: { "x-follow-token": token } },
    ...(etag ? { headers: { "if-none-match": etag } } : {}),
  });
  if (response.status === 304) return { view: null, etag };
  if (!response.ok) throw new ApiError(problemOf(error, response));
  return { view: data as View, etag: response.headers.get("etag") };
}

export function FollowPage({ id }: { id: string | null }) {
  const kept = id ? keptToken(id) : null;
  const [token, setToken] = useState<string | null>(kept?.token ?? null);
  if (!id || !token) return <AskToken id={id} onToken={setToken} />;
  return <Progress id={id} token={token} />;
}

/** The case id and follow token, typed by a resident who wrote them down (or opened the page in another tab). */
function AskToken({ id, onToken }: { id: string | null; onToken: (t: string) => void }) {
  const [caseId, setCaseId] = useState(id ?? "");
  const [token, setToken] = useState("");
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setProblem(null);
    const theId = caseId.trim().toUpperCase();
    const theToken = token.trim().toLowerCase();
    try {
      const { view } = await readCase(theId, theToken, null);
      keepToken({ id: theId, token: theToken, title: view?.title ?? theId });
      if (theId !== id) navigate(`/h5/follow/${theId}`);
      onToken(theToken);
    } catch (err) {
      setProblem(shownProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <h1>查询进度</h1>
      <form class="card" onSubmit={(e) => void submit(e)}>
        <p class="muted">请输入提交时得到的案件编号和查询码。</p>
        <label>
          案件编号
          <input required value={caseId} onInput={(e) => setCaseId(e.currentTarget.value)} autoComplete="off" />
        </label>
        <label>
          查询码（32 位）
          <input
            required
            pattern="[0-9a-fA-F]{32}"
            value={token}
            onInput={(e) => setToken(e.currentTarget.value)}
            autoComplete="off"
          />
        </label>
        {problem && <ProblemText problem={problem} />}
        <button type="submit" class="primary" disabled={busy}>
          {busy ? "正在查询…" : "查询"}
        </button>
      </form>
    </>
  );
}

function Progress({ id, token }: { id: string; token: string }) {
  const [view, setView] = useState<View | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const etag = useRef<string | null>(null);

  useEffect(() => {
    let stopped = false;
    etag.current = null;
    const refresh = async () => {
      if (document.visibilityState !== "visible") return;
      try {
        const answer = await readCase(id, token, etag.current);
        if (stopped) return;
        etag.current = answer.etag;
        if (answer.view) setView(answer.view);
        setProblem(null);
      } catch (e) {
        if (!stopped) setProblem(shownProblem(e));
      }
    };
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    const onVisible = () => void refresh();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [id, token]);

  return (
    <>
      <h1>查询进度</h1>
      {problem && <ProblemText problem={problem} />}
      {!view ? (
        !problem && <p aria-busy="true">正在读取…</p>
      ) : (
        <>
          <section class="card" aria-labelledby="case-title">
            <h2 id="case-title">{view.title}</h2>
            <dl class="facts">
              <dt>案件编号</dt>
              <dd>
                <code>{view.id}</code>
              </dd>
              <dt>当前状态</dt>
              <dd>
                <strong data-testid="status" class={`status ${view.status}`}>
                  {STATUS[view.status]}
                </strong>
              </dd>
              <dt>提交时间</dt>
              <dd>{when(view.createdAt)}</dd>
              <dt>最近更新</dt>
              <dd>{when(view.updatedAt)}</dd>
              {view.closedAt && (
                <>
                  <dt>办结时间</dt>
                  <dd>{when(view.closedAt)}</dd>
                </>
              )}
              {view.outcome && (
                <>
                  <dt>办理结果</dt>
                  <dd>{view.outcome}</dd>
                </>
              )}
              {view.rating && (
                <>
                  <dt>您的评价</dt>
                  <dd data-testid="rating">{RATING[view.rating as Rating] ?? view.rating}</dd>
                </>
              )}
            </dl>
            <p class="muted" aria-live="polite">
              本页每 {POLL_MS / 1000} 秒自动刷新。
            </p>
          </section>
          {view.status === "closed" && <RateForm id={id} token={token} onRated={setView} />}
          <section class="card" aria-labelledby="timeline">
            <h2 id="timeline">办理过程</h2>
            <ol class="timeline">
              {view.timeline.map((step, i) => (
                <li key={`${step.at}-${i}`}>
                  <time dateTime={step.at}>{when(step.at)}</time>
                  <span>{stepName(step.type, step.status)}</span>
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
      <p>
        <a href="/h5/" onClick={onLink}>
          返回首页
        </a>
      </p>
    </>
  );
}

/** Rating a closed case, once (the case moves on to rated; unsatisfied may ask for it to be handled again). */
function RateForm({ id, token, onRated }: { id: string; token: string; onRated: (v: View) => void }) {
  const [rating, setRating] = useState<Rating | null>(null);
  const [comment, setComment] = useState("");
  const [reopen, setReopen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const attempt = useRef<{ body: string; key: string } | null>(null);

  async function submit(e: Event) {
    e.preventDefault();
    if (!rating) {
      setProblem({ title: "请选择评价", detail: "请选择满意、基本满意或不满意。" });
      return;
    }
    const body = {
      rating,
      ...(comment.trim() ? { comment: comment.trim() } : {}),
      ...(rating === "unsatisfied" && reopen ? { reopen: true } : {}),
    };
    const json = JSON.stringify(body);
    // A double tap sends the same key: the case is rated once.
    if (attempt.current?.body !== json) attempt.current = { body: json, key: crypto.randomUUID() };
    setBusy(true);
    setProblem(null);
    try {
      onRated(
        await must(
          api.POST("/v1/public/cases/{id}/rate", {
            params: { path: { id }, header: { "x-follow-token": token, "idempotency-key": attempt.current.key } },
            body,
          }),
        ),
      );
    } catch (err) {
      setProblem(shownProblem(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="card" onSubmit={(e) => void submit(e)}>
      <h2>评价办理结果</h2>
      <fieldset>
        <legend>您对办理结果是否满意？</legend>
        {(Object.keys(RATING) as Rating[]).map((r) => (
          <label key={r} class="choice">
            <input type="radio" name="rating" value={r} checked={rating === r} onChange={() => setRating(r)} />
            {RATING[r]}
          </label>
        ))}
      </fieldset>
      {rating === "unsatisfied" && (
        <label class="choice">
          <input type="checkbox" checked={reopen} onChange={(e) => setReopen(e.currentTarget.checked)} />
          要求重新办理
        </label>
      )}
      <label>
        意见（选填）
        <textarea rows={3} maxLength={1000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      </label>
      {problem && <ProblemText problem={problem} />}
      <button type="submit" class="primary" disabled={busy}>
        {busy ? "正在提交…" : "提交评价"}
      </button>
    </form>
  );
}
