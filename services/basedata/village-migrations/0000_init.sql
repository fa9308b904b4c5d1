CREATE TABLE `commands` (
	`key` text PRIMARY KEY NOT NULL,
	`request_hash` text NOT NULL,
	`result` text NOT NULL,
	`at` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `counters` (
	`kind` text PRIMARY KEY NOT NULL,
	`next` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `field_changes` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`previous` text,
	`value` text,
	`by` text NOT NULL,
	`at` text NOT NULL,
	`source` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `field_changes_record` ON `field_changes` (`record_id`,`seq`);--> statement-breakpoint
CREATE TABLE `meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text NOT NULL,
	`destination` text NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`id`, `destination`)
);
--> statement-breakpoint
CREATE TABLE `submissions` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`grid_code` text,
	`change_sealed` text NOT NULL,
	`change_masked` text NOT NULL,
	`status` text NOT NULL,
	`conflicts` text DEFAULT '[]' NOT NULL,
	`source` text NOT NULL,
	`submitted_by` text NOT NULL,
	`submitted_role` text NOT NULL,
	`submitted_at` text NOT NULL,
	`decided_by` text,
	`decided_at` text,
	`note` text,
	`record_id` text,
	`version` integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE INDEX `submissions_status` ON `submissions` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `submissions_grid` ON `submissions` (`grid_code`,`status`);--> statement-breakpoint
CREATE TABLE `addresses` (
	`id` text PRIMARY KEY NOT NULL,
	`parent_id` text,
	`level` text NOT NULL,
	`name` text NOT NULL,
	`full_name` text NOT NULL,
	`norm_key` text NOT NULL,
	`grid_code` text,
	`lng` real,
	`lat` real,
	`status` text DEFAULT 'active' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `addresses_norm` ON `addresses` (`norm_key`) WHERE status = 'active';--> statement-breakpoint
CREATE INDEX `addresses_parent` ON `addresses` (`parent_id`);--> statement-breakpoint
CREATE INDEX `addresses_grid` ON `addresses` (`grid_code`);--> statement-breakpoint
CREATE TABLE `house_cases` (
	`house_id` text NOT NULL,
	`case_id` text NOT NULL,
	`linked_by` text NOT NULL,
	`linked_at` text NOT NULL,
	PRIMARY KEY(`house_id`, `case_id`)
);
--> statement-breakpoint
CREATE TABLE `houses` (
	`id` text PRIMARY KEY NOT NULL,
	`address_id` text NOT NULL,
	`grid_code` text,
	`use` text NOT NULL,
	`area_m2` real,
	`owner_name` text,
	`owner_phone_sealed` text,
	`owner_phone_masked` text,
	`owner_person_id` text,
	`rented` integer DEFAULT false NOT NULL,
	`landlord_name` text,
	`landlord_phone_sealed` text,
	`landlord_phone_masked` text,
	`note` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `houses_address` ON `houses` (`address_id`);--> statement-breakpoint
CREATE INDEX `houses_grid` ON `houses` (`grid_code`);--> statement-breakpoint
CREATE TABLE `units` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`unit_kind` text NOT NULL,
	`credit_code` text,
	`credit_hash` text,
	`address_id` text NOT NULL,
	`grid_code` text,
	`legal_rep_name` text,
	`legal_rep_phone_sealed` text,
	`legal_rep_phone_masked` text,
	`safety_contact_name` text,
	`safety_contact_phone_sealed` text,
	`safety_contact_phone_masked` text,
	`staff_count` integer,
	`key_place` integer DEFAULT false NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `units_credit_code` ON `units` (`credit_code`) WHERE status = 'open';--> statement-breakpoint
CREATE INDEX `units_grid` ON `units` (`grid_code`);--> statement-breakpoint
CREATE INDEX `units_address` ON `units` (`address_id`);--> statement-breakpoint
CREATE TABLE `households` (
	`id` text PRIMARY KEY NOT NULL,
	`number` text,
	`address_id` text,
	`head_person_id` text,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `households_address` ON `households` (`address_id`);--> statement-breakpoint
CREATE TABLE `people` (
	`id` text PRIMARY KEY NOT NULL,
	`document` text NOT NULL,
	`id_sealed` text,
	`id_hash` text,
	`id_masked` text,
	`name` text NOT NULL,
	`name_hash` text,
	`gender` text NOT NULL,
	`birth_date` text,
	`person_type` text NOT NULL,
	`nationality` text,
	`phone_sealed` text,
	`phone_hash` text,
	`phone_masked` text,
	`household_id` text,
	`relation` text NOT NULL,
	`grid_code` text,
	`status` text NOT NULL,
	`gone_on` text,
	`destination` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	`updated_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `people_id_hash` ON `people` (`id_hash`);--> statement-breakpoint
CREATE INDEX `people_phone_hash` ON `people` (`phone_hash`);--> statement-breakpoint
CREATE INDEX `people_grid` ON `people` (`grid_code`,`status`);--> statement-breakpoint
CREATE INDEX `people_household` ON `people` (`household_id`);--> statement-breakpoint
CREATE INDEX `people_name` ON `people` (`name`);--> statement-breakpoint
CREATE INDEX `people_name_hash` ON `people` (`name_hash`);--> statement-breakpoint
CREATE TABLE `residences` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`person_id` text NOT NULL,
	`house_id` text NOT NULL,
	`mode` text NOT NULL,
	`since` text NOT NULL,
	`until` text
);
--> statement-breakpoint
CREATE INDEX `residences_person` ON `residences` (`person_id`,`since`);--> statement-breakpoint
CREATE INDEX `residences_house` ON `residences` (`house_id`,`until`);--> statement-breakpoint
CREATE TABLE `tags` (
	`id` text PRIMARY KEY NOT NULL,
	`person_id` text NOT NULL,
	`kind` text NOT NULL,
	`reason` text NOT NULL,
	`source` text NOT NULL,
	`start` text NOT NULL,
	`end` text,
	`end_reason` text,
	`created_by` text NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `tags_person` ON `tags` (`person_id`);--> statement-breakpoint
CREATE INDEX `tags_kind` ON `tags` (`kind`,`end`);--> statement-breakpoint
CREATE TABLE `visits` (
	`id` text PRIMARY KEY NOT NULL,
	`worker_sub` text NOT NULL,
	`target_kind` text NOT NULL,
	`target_id` text NOT NULL,
	`grid_code` text NOT NULL,
	`visited_at` text NOT NULL,
	`lng` real NOT NULL,
	`lat` real NOT NULL,
	`outcome` text NOT NULL,
	`tag_kind` text,
	`needs` text DEFAULT '[]' NOT NULL,
	`created_at` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `visits_target` ON `visits` (`target_id`,`visited_at`);--> statement-breakpoint
CREATE INDEX `visits_grid` ON `visits` (`grid_code`,`visited_at`);--> statement-breakpoint
CREATE TABLE `import_chunks_applied` (
	`import_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`rows` integer NOT NULL,
	`records` text NOT NULL,
	`applied_at` text NOT NULL,
	PRIMARY KEY(`import_id`, `chunk`)
);
