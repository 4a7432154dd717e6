PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_tracked_links` (
	`token` text PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`request_id`,`user_id`) REFERENCES `participations`(`request_id`,`user_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
INSERT INTO `__new_tracked_links`("token", "request_id", "user_id", "created_at") SELECT "token", "request_id", "user_id", "created_at" FROM `tracked_links`;--> statement-breakpoint
DROP TABLE `tracked_links`;--> statement-breakpoint
ALTER TABLE `__new_tracked_links` RENAME TO `tracked_links`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `tracked_links_request_user` ON `tracked_links` (`request_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `tracked_links_user` ON `tracked_links` (`user_id`);