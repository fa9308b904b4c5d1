CREATE TABLE `campaign_grids` (
	`campaign_id` text NOT NULL,
	`grid_code` text NOT NULL,
	`village_code` text NOT NULL,
	PRIMARY KEY(`campaign_id`, `grid_code`)
);
--> statement-breakpoint
CREATE INDEX `campaign_grids_grid` ON `campaign_grids` (`grid_code`);--> statement-breakpoint
CREATE TABLE `campaign_screenings` (
	`campaign_id` text NOT NULL,
	`visit_id` text NOT NULL,
	`grid_code` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`worker_sub` text NOT NULL,
	`screened_at` text NOT NULL,
	`disputes_found` integer DEFAULT 0 NOT NULL,
	`case_ids` text DEFAULT '[]' NOT NULL,
	PRIMARY KEY(`campaign_id`, `visit_id`)
);
--> statement-breakpoint
CREATE INDEX `campaign_screenings_target` ON `campaign_screenings` (`campaign_id`,`grid_code`,`target_id`);--> statement-breakpoint
CREATE TABLE `campaigns` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`purpose` text NOT NULL,
	`division_code` text NOT NULL,
	`from_day` text NOT NULL,
	`to_day` text NOT NULL,
	`closed_at` text,
	`closed_by` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `campaigns_division` ON `campaigns` (`division_code`,`id`);