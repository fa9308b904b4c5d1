import { useEffect, useState } from "preact/hooks";
import { ProblemText, problemFromResponse, shownProblem, type ShownProblem } from "./problem";
import { claimsOf, setSession, type Session } from "./session";
import { ROLE_NAMES } from "./roles";

interface DevUser {
  sub: string;
  name: string;
  roles: string[];
  divisionCode: string;
}

/** A token of the local dev issuer for a demo user (services/console/src/dev-sign-in.ts). */
async function devSession(sub: string): Promise<Session> {
  const res = await fetch("/dev/token", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ sub }),
  });
  if (!res.ok) throw await problemFromResponse(res);
  const { access_token } = (await res.json()) as { access_token: string };
  const { exp, ...user } = claimsOf(access_token);
  return { token: access_token, expiresAt: exp * 1000, user, via: "dev", renew: () => devSession(sub) };
}

/** Development only (compiled out of production builds): pick a demo user and sign in as them. */
export function DevSignIn() {
  const [users, setUsers] = useState<DevUser[] | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    fetch("/dev/users")
      .then(async (r) => (r.ok ? setUsers((await r.json()) as DevUser[]) : setProblem(await problemFromResponse(r))))
      .catch((e: unknown) => setProblem({ title: "网络错误", detail: String(e) }));
  }, []);
  return (
    <section class="card" aria-labelledby="dev-sign-in-title">
      <h2 id="dev-sign-in-title">开发环境登录：选择演示用户</h2>
      {problem && <ProblemText problem={problem} />}
      <ul class="picker">
        {(users ?? []).map((u) => (
          <li key={u.sub}>
            <button
              type="button"
              onClick={() =>
                devSession(u.sub).then(setSession, (e: unknown) => setProblem(isShown(e) ? e : shownProblem(e)))
              }
            >
              <strong>{u.name}</strong>
              <span class="muted">
                {u.roles.map((r) => ROLE_NAMES[r] ?? r).join("、")} · {u.divisionCode}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function isShown(e: unknown): e is ShownProblem {
  return typeof e === "object" && e !== null && "title" in e;
}
