ALTER TABLE `requests` ADD `post_state` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `post_attempts` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `requests` ADD `post_due_at` integer;--> statement-breakpoint
ALTER TABLE `requests` ADD `post_error` text;--> statement-breakpoint
ALTER TABLE `requests` ADD `notice_due_at` integer;--> statement-breakpoint
CREATE INDEX `requests_post_due` ON `requests` (`post_due_at`);--> statement-breakpoint
CREATE INDEX `requests_notice_due` ON `requests` (`notice_due_at`);