CREATE TABLE `mediation_bodies` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`division_code` text NOT NULL,
	`registration_number` text NOT NULL,
	`fields` text DEFAULT '[]' NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	CONSTRAINT "mediation_bodies_kind" CHECK(kind IN ('village_committee', 'township_committee', 'professional'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mediation_bodies_registration_number_unique` ON `mediation_bodies` (`registration_number`);--> statement-breakpoint
CREATE INDEX `mediation_bodies_division` ON `mediation_bodies` (`division_code`,`id`);--> statement-breakpoint
CREATE TABLE `mediators` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`body_id` text,
	`worker_id` text,
	`division_code` text NOT NULL,
	`name` text NOT NULL,
	`phone_cipher` text NOT NULL,
	`phone_masked` text NOT NULL,
	`certificate_number` text NOT NULL,
	`certificate_issued_by` text NOT NULL,
	`certificate_valid_until` text NOT NULL,
	`trained_on` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`deactivation_reason` text,
	`deactivated_at` text,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` text NOT NULL,
	FOREIGN KEY (`body_id`) REFERENCES `mediation_bodies`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`worker_id`) REFERENCES `workers`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "mediators_kind" CHECK(kind IN ('grid_worker', 'village_committee', 'township_committee', 'professional'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `mediators_certificate_number_unique` ON `mediators` (`certificate_number`);--> statement-breakpoint
CREATE INDEX `mediators_division` ON `mediators` (`division_code`,`id`);--> statement-breakpoint
CREATE INDEX `mediators_body` ON `mediators` (`body_id`);