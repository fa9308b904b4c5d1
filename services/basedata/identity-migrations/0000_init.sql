CREATE TABLE `entries` (
	`kind` text NOT NULL,
	`hash` text NOT NULL,
	`record_id` text NOT NULL,
	`village_code` text NOT NULL,
	`active` integer NOT NULL,
	`changed_at` integer NOT NULL,
	PRIMARY KEY(`kind`, `hash`, `record_id`)
);
--> statement-breakpoint
CREATE INDEX `entries_village` ON `entries` (`village_code`);