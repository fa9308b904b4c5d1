import { render, type ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import "../shared/styles.css";
import { config, type ConsoleConfig } from "../shared/config";
import { DevSignIn } from "../shared/dev-sign-in";
import { match, onLink, useRoute } from "../shared/router";
import { completeSignIn, startSignIn } from "../shared/oidc";
import { ProblemText, shownProblem, type ShownProblem } from "../shared/problem";
import { setSession, signOut, useSession } from "../shared/session";
import { ROUTES } from "./routes";

function App() {
  const s = useSession();
  const route = useRoute();
  const [cfg, setCfg] = useState<ConsoleConfig | null>(null);
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  useEffect(() => {
    config()
      .then(async (c) => {
        setCfg(c);
        // A return from the identity provider (or a reload of a signed-in tab) completes the sign-in here.
        if (c.oidc) {
          const signedIn = await completeSignIn(c.oidc);
          if (signedIn) setSession(signedIn);
        }
      })
      .catch((e: unknown) => setProblem(shownProblem(e)));
  }, []);

  if (!s) {
    const oidc = cfg?.oidc;
    return (
      <main class="signin">
        <h1>civicgrid 网格化服务管理平台</h1>
        {problem && <ProblemText problem={problem} />}
        {oidc && (
          <p>
            <button
              type="button"
              class="primary"
              onClick={() => startSignIn(oidc).catch((e: unknown) => setProblem(shownProblem(e)))}
            >
              统一身份认证登录
            </button>
          </p>
        )}
        {__DEV_SIGN_IN__ && cfg?.devSignIn && <DevSignIn />}
        {cfg && !oidc && !(__DEV_SIGN_IN__ && cfg.devSignIn) && <p>本部署尚未配置统一身份认证。</p>}
      </main>
    );
  }
  const visible = ROUTES.filter((r) => r.visible(s.user));
  const found = visible.map((r) => ({ r, params: match(r.pattern, route.path) })).find((x) => x.params);
  return (
    <div class="layout">
      <nav aria-label="主菜单">
        <p>
          <strong>civicgrid</strong>
        </p>
        {visible
          .filter((r) => r.label)
          .map((r) => (
            <a
              key={r.pattern}
              href={r.pattern}
              onClick={onLink}
              aria-current={route.path === r.pattern ? "page" : undefined}
            >
              {r.label}
            </a>
          ))}
        <p class="muted">{s.user.name}</p>
        <button type="button" onClick={signOut}>
          退出登录
        </button>
      </nav>
      <main id="main">
        {found ? <Lazy key={route.path} load={found.r.load} params={found.params ?? {}} /> : <NotFound />}
      </main>
    </div>
  );
}

function Lazy({
  load,
  params,
}: {
  load: () => Promise<ComponentType<{ params: Record<string, string> }>>;
  params: Record<string, string>;
}) {
  const [Page, setPage] = useState<ComponentType<{ params: Record<string, string> }> | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(
    () =>
      void load().then(
        (p) => setPage(() => p),
        (e: unknown) => setError(String(e)),
      ),
    [load],
  );
  if (error)
    return (
      <p class="problem" role="alert">
        页面加载失败：{error}
      </p>
    );
  return Page ? <Page params={params} /> : <p aria-busy="true">加载中…</p>;
}

function NotFound() {
  return (
    <section class="card">
      <h1>页面不存在</h1>
      <a href="/" onClick={onLink}>
        返回工作台
      </a>
    </section>
  );
}

render(<App />, document.getElementById("app") as HTMLElement);
