CREATE TABLE `idempotency_keys` (
	`scope` text NOT NULL,
	`key` text NOT NULL,
	`body_hash` text NOT NULL,
	`state` text NOT NULL,
	`status` integer,
	`headers` text,
	`body` text,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`scope`, `key`),
	CONSTRAINT "state" CHECK(state IN ('in_flight', 'done'))
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text NOT NULL,
	`queue` text DEFAULT 'events' NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	PRIMARY KEY(`id`, `queue`)
);
--> statement-breakpoint
CREATE INDEX `outbox_unsent` ON `outbox` (`queue`,`created_at`) WHERE sent_at IS NULL;--> statement-breakpoint
CREATE TABLE `villages` (
	`code` text PRIMARY KEY NOT NULL,
	`township_code` text NOT NULL,
	`county_code` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `villages_township` ON `villages` (`township_code`);--> statement-breakpoint
CREATE INDEX `villages_county` ON `villages` (`county_code`);--> statement-breakpoint
CREATE TABLE `grid_counts` (
	`grid_code` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`township_code` text NOT NULL,
	`county_code` text NOT NULL,
	`registered` integer DEFAULT 0 NOT NULL,
	`floating` integer DEFAULT 0 NOT NULL,
	`foreign` integer DEFAULT 0 NOT NULL,
	`households` integer DEFAULT 0 NOT NULL,
	`houses` integer DEFAULT 0 NOT NULL,
	`rented_houses` integer DEFAULT 0 NOT NULL,
	`units` integer DEFAULT 0 NOT NULL,
	`tagged` text DEFAULT '{}' NOT NULL,
	`visits_due` integer DEFAULT 0 NOT NULL,
	`visits_overdue` integer DEFAULT 0 NOT NULL,
	`version` integer NOT NULL,
	`as_of` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `grid_counts_village` ON `grid_counts` (`village_code`);--> statement-breakpoint
CREATE INDEX `grid_counts_township` ON `grid_counts` (`township_code`);--> statement-breakpoint
CREATE INDEX `grid_counts_county` ON `grid_counts` (`county_code`);--> statement-breakpoint
CREATE TABLE `county_settings` (
	`county_code` text PRIMARY KEY NOT NULL,
	`visit_rules` text DEFAULT '{}' NOT NULL,
	`retention_days` integer DEFAULT 1095 NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `import_chunks` (
	`import_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`rows` integer NOT NULL,
	`applied_at` text NOT NULL,
	PRIMARY KEY(`import_id`, `chunk`)
);
--> statement-breakpoint
CREATE TABLE `import_errors` (
	`import_id` text NOT NULL,
	`row` integer NOT NULL,
	`field` text NOT NULL,
	`message` text NOT NULL,
	PRIMARY KEY(`import_id`, `row`, `field`)
);
--> statement-breakpoint
CREATE TABLE `imports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`division_code` text NOT NULL,
	`file_name` text NOT NULL,
	`format` text NOT NULL,
	`status` text NOT NULL,
	`rows` integer DEFAULT 0 NOT NULL,
	`chunks` integer DEFAULT 0 NOT NULL,
	`applied_rows` integer DEFAULT 0 NOT NULL,
	`error_count` integer DEFAULT 0 NOT NULL,
	`failed_chunk` integer,
	`created_by` text NOT NULL,
	`idem_key` text,
	`created_at` text NOT NULL,
	`finished_at` text
);
--> statement-breakpoint
CREATE INDEX `imports_division` ON `imports` (`division_code`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `imports_idem` ON `imports` (`created_by`,`idem_key`);--> statement-breakpoint
CREATE TABLE `access_log` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`village_code` text NOT NULL,
	`fields` text NOT NULL,
	`purpose` text NOT NULL,
	`by_sub` text NOT NULL,
	`by_role` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `access_log_village` ON `access_log` (`village_code`,`seq`);--> statement-breakpoint
CREATE INDEX `access_log_record` ON `access_log` (`record_id`,`seq`);--> statement-breakpoint
CREATE TABLE `exports` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`division_code` text NOT NULL,
	`purpose` text NOT NULL,
	`rows` integer NOT NULL,
	`by_sub` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `exports_division` ON `exports` (`division_code`,`at`);--> statement-breakpoint
CREATE TABLE `subject_requests` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`village_code` text NOT NULL,
	`kind` text NOT NULL,
	`reference` text NOT NULL,
	`reason` text NOT NULL,
	`by_sub` text NOT NULL,
	`at` text NOT NULL,
	`outcome` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `subject_requests_village` ON `subject_requests` (`village_code`,`at`);