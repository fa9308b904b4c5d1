-- Issue 17 (archive): the slim rows of archived cases, the partial index the nightly archive job walks, and
-- supervisions by case (they leave with it). drizzle-kit generated this as 0008 (0008 is the hand-written
-- open_case_points fill); renamed to 0009, journal idx 9.
CREATE TABLE `archived_cases` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`county_code` text NOT NULL,
	`township_code` text,
	`village_code` text,
	`grid_code` text,
	`division_code` text NOT NULL,
	`category_code` text NOT NULL,
	`status` text NOT NULL,
	`lead_department_id` text,
	`reporter_sub` text,
	`opened_at` text NOT NULL,
	`closed_at` text NOT NULL,
	`archived_at` text NOT NULL,
	`archive_key` text NOT NULL,
	`sha256` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `archived_cases_division` ON `archived_cases` (`division_code`,closed_at DESC,id DESC);--> statement-breakpoint
CREATE INDEX `archived_cases_grid` ON `archived_cases` (`grid_code`,closed_at DESC,id DESC);--> statement-breakpoint
CREATE INDEX `archived_cases_closed` ON `archived_cases` (closed_at DESC,id DESC);--> statement-breakpoint
CREATE INDEX `archived_cases_reporter` ON `archived_cases` (`reporter_sub`);--> statement-breakpoint
CREATE INDEX `archived_cases_department` ON `archived_cases` (`lead_department_id`);--> statement-breakpoint
CREATE INDEX `cases_terminal` ON `cases` (`updated_at`,`id`) WHERE status IN ('closed', 'rated', 'invalid', 'merged', 'archived');--> statement-breakpoint
CREATE INDEX `supervisions_case` ON `supervisions` (`case_id`);