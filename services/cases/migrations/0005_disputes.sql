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
CREATE INDEX `dispute_access_sub` ON `dispute_access_log` (`sub`,`at`);--> statement-breakpoint
CREATE TABLE `dispute_cases` (
	`case_id` text PRIMARY KEY NOT NULL,
	`version` integer NOT NULL,
	`title` text NOT NULL,
	`case_status` text NOT NULL,
	`open` integer NOT NULL,
	`county_code` text NOT NULL,
	`division_code` text NOT NULL,
	`grid_code` text,
	`holder_division_code` text NOT NULL,
	`stage` text NOT NULL,
	`relation` text NOT NULL,
	`risk_level` text NOT NULL,
	`risk_since` text NOT NULL,
	`mediator_id` text,
	`mediator_kind` text,
	`threat` integer NOT NULL,
	`violence` integer NOT NULL,
	`county_warned_at` text,
	`police_warned_at` text,
	`warned_department_ids` text,
	`recorded_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `dispute_cases_recorded` ON `dispute_cases` (recorded_at DESC,case_id DESC);--> statement-breakpoint
CREATE INDEX `dispute_cases_grid` ON `dispute_cases` (`grid_code`,recorded_at DESC,case_id DESC);--> statement-breakpoint
CREATE INDEX `dispute_cases_warnings` ON `dispute_cases` (risk_since DESC,case_id DESC) WHERE open = 1 AND risk_level IN ('larger', 'major');--> statement-breakpoint
CREATE TABLE `dispute_parties` (
	`case_id` text NOT NULL,
	`party_key` text NOT NULL,
	`county_code` text NOT NULL,
	`recorded_at` text NOT NULL,
	PRIMARY KEY(`case_id`, `party_key`)
);
--> statement-breakpoint
CREATE INDEX `dispute_parties_key` ON `dispute_parties` (`county_code`,`party_key`,`recorded_at`);--> statement-breakpoint
CREATE TABLE `dispute_risk_rules` (
	`county_code` text PRIMARY KEY NOT NULL,
	`rules` text NOT NULL,
	`police_department_ids` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
