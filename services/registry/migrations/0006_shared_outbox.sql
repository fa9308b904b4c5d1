PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_outbox` (
	`id` text NOT NULL,
	`queue` text DEFAULT 'events' NOT NULL,
	`body` text NOT NULL,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	PRIMARY KEY(`id`, `queue`)
);
--> statement-breakpoint
INSERT INTO `__new_outbox`("id", "queue", "body", "created_at", "sent_at") SELECT "id", "queue", "body", "created_at", "sent_at" FROM `outbox`;--> statement-breakpoint
DROP TABLE `outbox`;--> statement-breakpoint
ALTER TABLE `__new_outbox` RENAME TO `outbox`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `outbox_unsent` ON `outbox` (`queue`,`created_at`) WHERE sent_at IS NULL;