-- Hand-written (issue 16, duplicates while reporting): the points of the cases already open when open_case_points
-- was created; from then on the projection keeps the table.
INSERT OR IGNORE INTO open_case_points (case_id, category_code, lat, lng, created_at)
  SELECT id, category_code, lat, lng, created_at FROM cases
  WHERE status IN ('reported', 'verified', 'accepted', 'dispatched', 'signed', 'handled')
    AND lat IS NOT NULL AND lng IS NOT NULL;
