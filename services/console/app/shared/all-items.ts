/**
 * Every item of a cursor-paged list, page by page, up to `cap` items (the screens draw a jurisdiction: a county's
 * grids are hundreds, not millions; the cap keeps a mistake from looping forever).
 */
export async function allItems<T>(
  page: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  cap = 2000,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page(cursor);
    out.push(...p.items);
    cursor = p.nextCursor ?? undefined;
  } while (cursor && out.length < cap);
  return out;
}
