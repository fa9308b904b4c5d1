CREATE TABLE `grid_base_counts` (
	`grid_code` text PRIMARY KEY NOT NULL,
	`village_code` text NOT NULL,
	`households` integer NOT NULL,
	`population` integer NOT NULL,
	`version` integer NOT NULL,
	`source` text NOT NULL,
	`as_of` text NOT NULL,
	`event_id` text NOT NULL,
	`updated_at` text NOT NULL
);
