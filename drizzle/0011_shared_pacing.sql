CREATE TABLE `paced_work` (
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`due_at` integer,
	`not_before` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`holder` text,
	`held_until` integer DEFAULT 0 NOT NULL,
	`memo` text,
	PRIMARY KEY(`kind`, `key`)
);
--> statement-breakpoint
CREATE INDEX `paced_work_due` ON `paced_work` (`kind`,`due_at`);--> statement-breakpoint
CREATE TABLE `rate_limit_pauses` (
	`scope` text PRIMARY KEY NOT NULL,
	`until` integer NOT NULL
);
