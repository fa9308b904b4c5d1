CREATE TABLE `open_case_points` (
	`case_id` text PRIMARY KEY NOT NULL,
	`category_code` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `open_case_points_matter_lat` ON `open_case_points` (`category_code`,`lat`,`lng`,`created_at`);