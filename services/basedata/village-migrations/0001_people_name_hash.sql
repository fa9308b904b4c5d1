ALTER TABLE `people` ADD `name_hash` text;--> statement-breakpoint
CREATE INDEX `people_name_hash` ON `people` (`name_hash`);