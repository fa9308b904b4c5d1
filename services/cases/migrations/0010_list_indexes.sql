-- Issue 17 (read model over years): lists by status and overdue walk their own index newest first, and each case
-- keeps the rowid of its row in the FTS index (cases_fts.case_id is UNINDEXED) so the projection replaces that row
-- by rowid. drizzle-kit generated the ALTER and the indexes; the statements that fill fts_rowid are hand-written:
-- each case takes the rowid of its FTS row (one pass over the FTS table, each case found by its key), FTS rows no
-- case holds (a second row of a case, or one a lagging projection left after the archive) go, and a case without an
-- FTS row takes a fresh number past the largest (its next projection writes the row).
ALTER TABLE `cases` ADD `fts_rowid` integer;--> statement-breakpoint
UPDATE `cases` SET `fts_rowid` = f.`rowid` FROM (SELECT `rowid`, `case_id` FROM `cases_fts`) AS f WHERE f.`case_id` = `cases`.`id`;--> statement-breakpoint
DELETE FROM `cases_fts` WHERE `rowid` NOT IN (SELECT `fts_rowid` FROM `cases` WHERE `fts_rowid` IS NOT NULL);--> statement-breakpoint
UPDATE `cases` SET `fts_rowid` = m.`n` + (SELECT coalesce(max(`fts_rowid`), 0) FROM `cases`) FROM (SELECT `id`, row_number() OVER (ORDER BY `id`) AS `n` FROM `cases` WHERE `fts_rowid` IS NULL) AS m WHERE m.`id` = `cases`.`id`;--> statement-breakpoint
CREATE INDEX `cases_status` ON `cases` (`status`,created_at DESC,id DESC);--> statement-breakpoint
CREATE INDEX `cases_overdue` ON `cases` (created_at DESC,id DESC) WHERE overdue = 1;--> statement-breakpoint
CREATE UNIQUE INDEX `cases_fts_rowid` ON `cases` (`fts_rowid`);
