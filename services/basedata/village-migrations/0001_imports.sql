CREATE TABLE `import_chunks_applied` (
	`import_id` text NOT NULL,
	`chunk` integer NOT NULL,
	`rows` integer NOT NULL,
	`records` text NOT NULL,
	`applied_at` text NOT NULL,
	PRIMARY KEY(`import_id`, `chunk`)
);
