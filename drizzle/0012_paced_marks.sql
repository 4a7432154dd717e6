CREATE TABLE `paced_marks` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`key` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `paced_marks_key` ON `paced_marks` (`kind`,`key`,`at`);