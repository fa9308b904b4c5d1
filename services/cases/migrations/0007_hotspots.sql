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
CREATE INDEX `hotspots_county` ON `hotspots` (`county_code`,created_at DESC,id DESC);