import { useEffect, useState } from "preact/hooks";

/** A client-side route: the path and its query; pages are real URLs (the console worker serves index.html for each). */
export interface Route {
  path: string;
  query: URLSearchParams;
}

const listeners = new Set<(r: Route) => void>();
const here = (): Route => ({ path: location.pathname, query: new URLSearchParams(location.search) });

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  const r = here();
  for (const l of listeners) l(r);
}

addEventListener("popstate", () => {
  const r = here();
  for (const l of listeners) l(r);
});

export function useRoute(): Route {
  const [route, set] = useState(here);
  useEffect(() => {
    listeners.add(set);
    return () => void listeners.delete(set);
  }, []);
  return route;
}

/** `/cases/:id` against `/cases/c-1` → `{ id: "c-1" }`, or null when it does not match. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const trim = (x: string) => (x.length > 1 ? x.replace(/\/$/, "") : x);
  const p = trim(pattern).split("/");
  const s = trim(path).split("/");
  if (p.length !== s.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < p.length; i++) {
    const seg = p[i] as string;
    if (seg.startsWith(":")) params[seg.slice(1)] = decodeURIComponent(s[i] as string);
    else if (seg !== s[i]) return null;
  }
  return params;
}

/** A link that navigates without a reload (and still opens in a new tab with a modifier key). */
export function onLink(e: MouseEvent): void {
  const a = (e.currentTarget as HTMLAnchorElement | null) ?? null;
  if (!a || e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
  e.preventDefault();
  navigate(a.getAttribute("href") ?? "/");
}
