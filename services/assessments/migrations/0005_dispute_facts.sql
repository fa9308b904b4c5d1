CREATE TABLE `dispute_counts` (
	`event_id` text NOT NULL,
	`figure` text NOT NULL,
	`case_id` text NOT NULL,
	`day` text NOT NULL,
	`grid_code` text,
	`village_code` text,
	`township_code` text,
	`county_code` text NOT NULL,
	`mediator_id` text,
	`mediator_kind` text,
	PRIMARY KEY(`event_id`, `figure`)
);
--> statement-breakpoint
CREATE INDEX `dispute_counts_case` ON `dispute_counts` (`case_id`);--> statement-breakpoint
CREATE INDEX `dispute_counts_day` ON `dispute_counts` (`day`,`county_code`);--> statement-breakpoint
CREATE TABLE `dispute_events` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`version` integer NOT NULL,
	`type` text NOT NULL,
	`day` text NOT NULL,
	`grid_code` text,
	`village_code` text,
	`township_code` text,
	`county_code` text NOT NULL,
	`stage` text NOT NULL,
	`mediator_id` text,
	`mediator_kind` text,
	`first` integer,
	`kept` integer
);
--> statement-breakpoint
CREATE INDEX `dispute_events_case` ON `dispute_events` (`case_id`,`version`);