CREATE TABLE `indicator_facts` (
	`case_id` text NOT NULL,
	`measure` text NOT NULL,
	`version` integer NOT NULL,
	`day` text NOT NULL,
	`county_code` text NOT NULL,
	`township_code` text,
	`grid_code` text,
	`department_id` text,
	`hit` integer NOT NULL,
	PRIMARY KEY(`case_id`, `measure`, `version`)
);
--> statement-breakpoint
CREATE INDEX `indicator_facts_day` ON `indicator_facts` (`day`,`county_code`);