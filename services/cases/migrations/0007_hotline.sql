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
CREATE INDEX `follow_ups_awaiting` ON `follow_ups` (`awaiting`,`division_code`,`due_at`,`case_id`);--> statement-breakpoint
CREATE TABLE `hotspot_cases` (
	`case_id` text PRIMARY KEY NOT NULL,
	`hotspot_id` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `hotspot_runs` (
	`county_code` text NOT NULL,
	`month` text NOT NULL,
	`complete` integer NOT NULL,
	`analysed_at` text NOT NULL,
	PRIMARY KEY(`county_code`, `month`)
);
--> statement-breakpoint
CREATE TABLE `hotspots` (
	`id` text PRIMARY KEY NOT NULL,
	`county_code` text NOT NULL,
	`month` text NOT NULL,
	`category_code` text NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`radius_meters` integer NOT NULL,
	`grid_code` text NOT NULL,
	`village_code` text NOT NULL,
	`case_ids` text NOT NULL,
	`count` integer NOT NULL,
	`first_at` text NOT NULL,
	`last_at` text NOT NULL,
	`status` text NOT NULL,
	`case_id` text,
	`decided_by` text,
	`decided_at` text,
	`dismiss_reason` text,
	`created_at` text NOT NULL,
	CONSTRAINT "hotspot_status" CHECK(status IN ('proposed', 'issued', 'dismissed'))
);
--> statement-breakpoint
CREATE INDEX `hotspots_county` ON `hotspots` (`county_code`,created_at DESC,id DESC);--> statement-breakpoint
CREATE TABLE `open_case_points` (
	`case_id` text PRIMARY KEY NOT NULL,
	`category_code` text NOT NULL,
	`lat` real NOT NULL,
	`lng` real NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `open_case_points_matter_lat` ON `open_case_points` (`category_code`,`lat`,`lng`,`created_at`);--> statement-breakpoint
CREATE TABLE `request_type_limits` (
	`county_code` text PRIMARY KEY NOT NULL,
	`types` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
