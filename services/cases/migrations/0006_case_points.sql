ALTER TABLE `cases` ADD `lng` real;--> statement-breakpoint
ALTER TABLE `cases` ADD `lat` real;