import { render } from "preact";
import { useEffect } from "preact/hooks";
import "../shared/styles.css";
import "./resident.css";
import { match, onLink, useRoute } from "../shared/router";
import { FindGridPage, GridPage } from "./grid";
import { FollowPage } from "./follow";
import { HomePage } from "./home";
import { ReportPage } from "./report";

/** The resident pages (H5): find my grid, report a problem, follow it, rate it. No sign-in: the follow token is the key. */
const PAGES: { pattern: string; title: string; page: (params: Record<string, string>) => preact.JSX.Element }[] = [
  { pattern: "/h5", title: "居民服务", page: () => <HomePage /> },
  { pattern: "/h5/grid", title: "查找我的网格", page: () => <FindGridPage /> },
  { pattern: "/h5/grid/:code", title: "网格公示", page: (p) => <GridPage code={p.code as string} /> },
  { pattern: "/h5/report", title: "反映问题", page: () => <ReportPage /> },
  { pattern: "/h5/follow", title: "查询进度", page: () => <FollowPage id={null} /> },
  { pattern: "/h5/follow/:id", title: "查询进度", page: (p) => <FollowPage id={p.id as string} /> },
];

const MENU = [
  { href: "/h5/", label: "首页" },
  { href: "/h5/grid", label: "我的网格" },
  { href: "/h5/report", label: "反映问题" },
  { href: "/h5/follow", label: "查询进度" },
];

function Resident() {
  const { path } = useRoute();
  const found = PAGES.map((p) => ({ p, params: match(p.pattern, path) })).find((m) => m.params);
  useEffect(() => {
    document.title = `${found?.p.title ?? "页面不存在"} · civicgrid 居民服务`;
  }, [found?.p.title]);
  const current = (href: string) => (href.replace(/\/$/, "") === path.replace(/\/$/, "") ? "page" : undefined);
  return (
    <div class="resident">
      <header>
        <a class="brand" href="/h5/" onClick={onLink}>
          网格化服务 · 居民
        </a>
        <nav aria-label="居民服务">
          {MENU.map((m) => (
            <a key={m.href} href={m.href} onClick={onLink} aria-current={current(m.href)}>
              {m.label}
            </a>
          ))}
        </nav>
      </header>
      <main>
        {found ? (
          found.p.page(found.params as Record<string, string>)
        ) : (
          <>
            <h1>页面不存在</h1>
            <p>
              <a href="/h5/" onClick={onLink}>
                返回首页
              </a>
            </p>
          </>
        )}
      </main>
    </div>
  );
}

render(<Resident />, document.getElementById("app") as HTMLElement);
