DROP INDEX `addresses_norm`;--> statement-breakpoint
CREATE UNIQUE INDEX `addresses_norm` ON `addresses` (`norm_key`) WHERE status = 'active';--> statement-breakpoint
DROP INDEX `units_credit_code`;--> statement-breakpoint
ALTER TABLE `units` ADD `credit_hash` text;--> statement-breakpoint
CREATE UNIQUE INDEX `units_credit_code` ON `units` (`credit_code`) WHERE status = 'open';