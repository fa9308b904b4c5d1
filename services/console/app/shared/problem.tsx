import { ApiError, type Problem } from "@civicgrid/client";
import { PROBLEM_TITLES } from "./problem-titles";

/** What the screens show of a failed call: the problem+json (RFC 9457) `title` and `detail`, and each field's error. */
export type ShownProblem = Pick<Problem, "title" | "detail" | "errors"> & { status?: number };

const titled = (p: { code?: string | undefined; title?: string | undefined }, status: number) =>
  (p.code && PROBLEM_TITLES[p.code]) ?? p.title ?? `请求失败（${status}）`;

export async function problemFromResponse(res: Response): Promise<ShownProblem> {
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    const body = (await res.json().catch(() => ({}))) as Partial<ShownProblem> & { code?: string };
    return {
      title: titled(body, res.status),
      detail: body.detail,
      status: res.status,
      errors: body.errors,
    };
  }
  return { title: `请求失败（${res.status}）`, status: res.status };
}

/** Any thrown value as a problem to show: an API refusal as it came, anything else (the network) as its message. */
export function shownProblem(e: unknown): ShownProblem {
  if (e instanceof ApiError) return { ...e.problem, title: titled(e.problem, e.problem.status) };
  return { title: "网络或程序错误", detail: e instanceof Error ? e.message : String(e) };
}

export function ProblemText({ problem }: { problem: ShownProblem }) {
  return (
    <div class="problem" role="alert">
      <strong>{problem.title}</strong>
      {problem.detail && <p>{problem.detail}</p>}
      {problem.errors?.length ? (
        <ul>
          {problem.errors.map((e) => (
            <li key={e.field}>
              <code>{e.field}</code>：{e.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
