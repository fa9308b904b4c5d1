CREATE TABLE `request_type_limits` (
	`county_code` text PRIMARY KEY NOT NULL,
	`types` text NOT NULL,
	`updated_by` text NOT NULL,
	`updated_at` text NOT NULL
);
