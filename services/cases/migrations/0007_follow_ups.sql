CREATE TABLE `follow_ups` (
	`case_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`awaiting` integer NOT NULL,
	`division_code` text NOT NULL,
	`county_code` text NOT NULL,
	`title` text NOT NULL,
	`category_code` text NOT NULL,
	`reporter_sub` text,
	`closed_at` text NOT NULL,
	`due_at` text NOT NULL,
	`attempts` integer NOT NULL,
	`due_notified` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `follow_ups_awaiting` ON `follow_ups` (`awaiting`,`division_code`,`due_at`,`case_id`);