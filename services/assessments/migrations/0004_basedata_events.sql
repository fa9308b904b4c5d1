CREATE TABLE `basedata_events` (
	`id` text PRIMARY KEY NOT NULL,
	`type` text NOT NULL,
	`sub` text NOT NULL,
	`day` text NOT NULL,
	`village_code` text NOT NULL,
	`grid_code` text,
	`occurred_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `basedata_events_day` ON `basedata_events` (`day`,`sub`);--> statement-breakpoint
CREATE INDEX `basedata_events_village` ON `basedata_events` (`village_code`,`day`);--> statement-breakpoint
ALTER TABLE `worker_day_facts` ADD `visits` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `worker_day_facts` ADD `collection_approved` integer DEFAULT 0 NOT NULL;