/**
 * The follow tokens of the reports made in this tab. The token is the resident's only key to their report, so it is
 * kept where it leaks least: sessionStorage (this tab only, gone when it closes), never in a URL (URLs end up in
 * history, bookmarks shared by mistake and referrers) and never logged. The report page shows it once so the
 * resident can write it down; the follow page asks for it when this tab does not hold it.
 */
const PREFIX = "civicgrid.follow.";

export interface Kept {
  id: string;
  token: string;
  title: string;
}

export function keepToken(kept: Kept): void {
  try {
    sessionStorage.setItem(PREFIX + kept.id, JSON.stringify(kept));
  } catch {
    // Private modes may refuse storage: the resident still has the token shown on screen.
  }
}

export function keptToken(id: string): Kept | null {
  try {
    const raw = sessionStorage.getItem(PREFIX + id);
    return raw ? (JSON.parse(raw) as Kept) : null;
  } catch {
    return null;
  }
}

export function keptReports(): Kept[] {
  const out: Kept[] = [];
  try {
    for (let i = 0; i < sessionStorage.length; i++) {
      const key = sessionStorage.key(i);
      if (!key?.startsWith(PREFIX)) continue;
      const kept = keptToken(key.slice(PREFIX.length));
      if (kept) out.push(kept);
    }
  } catch {
    // No storage: nothing kept.
  }
  return out;
}
