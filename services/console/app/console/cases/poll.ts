import { useEffect, useRef, useState } from "preact/hooks";

/** How often an open queue or case asks again: fresh enough for a dispatcher, cheap for the API (ETags answer 304). */
export const POLL_MS = 10_000;

/** How often the map and a grid worker's tasks ask again: they read many cases at once, and need not be as prompt. */
export const OVERVIEW_POLL_MS = 30_000;

/**
 * Calls `load` now, then every `every` ms while the tab is visible (and at once when it becomes visible again), so the
 * screen follows changes without a reload. `key` restarts it (new filters). Returns a function to load now.
 */
export function usePoll(load: () => Promise<void>, key: string, every = POLL_MS): () => void {
  const latest = useRef(load);
  latest.current = load;
  const [, setTick] = useState(0);
  useEffect(() => {
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async () => {
      clearTimeout(timer);
      if (document.visibilityState === "visible") await latest.current();
      if (!stopped) timer = setTimeout(() => void run(), every);
    };
    const onVisible = () => document.visibilityState === "visible" && void run();
    void run();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      stopped = true;
      clearTimeout(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [key, every]);
  return () => {
    void latest.current();
    setTick((t) => t + 1);
  };
}

/** The current time, ticking each minute, for countdowns that stay true between polls. */
export function useNow(): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(t);
  }, []);
  return now;
}
