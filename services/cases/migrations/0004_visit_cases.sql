CREATE TABLE `visit_cases` (
	`visit_id` text NOT NULL,
	`need_index` integer NOT NULL,
	`case_id` text NOT NULL,
	PRIMARY KEY(`visit_id`, `need_index`)
);
