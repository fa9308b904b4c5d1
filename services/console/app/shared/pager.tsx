import { useState } from "preact/hooks";

/**
 * Keyset paging over an API list: the cursors of the pages read so far (the first is undefined), so 上一页 goes back
 * without the API paging backwards. `cursor` is the current page's.
 */
export function useCursors() {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  return {
    cursor: cursors[cursors.length - 1],
    /** Back to the first page (a filter changed). */
    reset: () => setCursors([undefined]),
    pager: (nextCursor: string | null | undefined, note = "") => (
      <nav class="pager" aria-label="翻页">
        <button type="button" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          上一页
        </button>
        <span class="muted">
          第 {cursors.length} 页{note}
        </span>
        <button type="button" disabled={!nextCursor} onClick={() => nextCursor && setCursors([...cursors, nextCursor])}>
          下一页
        </button>
      </nav>
    ),
  };
}
