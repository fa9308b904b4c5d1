CREATE TABLE `dispute_access_log` (
	`id` text PRIMARY KEY NOT NULL,
	`case_id` text NOT NULL,
	`party_index` integer NOT NULL,
	`sub` text NOT NULL,
	`role` text NOT NULL,
	`unit` text NOT NULL,
	`purpose` text NOT NULL,
	`county_code` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dispute_access_case` ON `dispute_access_log` (`case_id`,`at`);--> statement-breakpoint
CREATE INDEX `dispute_access_sub` ON `dispute_access_log` (`sub`,`at`);