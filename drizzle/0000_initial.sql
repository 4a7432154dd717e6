CREATE TABLE `digest_deliveries` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`iso_week` text NOT NULL,
	`claimed_at` integer NOT NULL,
	`sent_at` integer,
	PRIMARY KEY(`team_id`, `user_id`, `iso_week`)
);
--> statement-breakpoint
CREATE TABLE `link_clicks` (
	`token` text NOT NULL,
	`day` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`token`, `day`),
	FOREIGN KEY (`token`) REFERENCES `tracked_links`(`token`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `participations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`request_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`opted_in_at` integer NOT NULL,
	`shared_at` integer,
	`share_url` text,
	`network` text,
	`remind_me` integer DEFAULT false NOT NULL,
	`reminded_at` integer,
	`show_name` integer DEFAULT false NOT NULL,
	`thanked_at` integer,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `participations_request_user` ON `participations` (`request_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `participations_user` ON `participations` (`user_id`);--> statement-breakpoint
CREATE TABLE `receipts` (
	`key` text PRIMARY KEY NOT NULL,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `receipts_received` ON `receipts` (`received_at`);--> statement-breakpoint
CREATE TABLE `requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`team_id` text NOT NULL,
	`requester_id` text NOT NULL,
	`url` text NOT NULL,
	`title` text,
	`ask` text NOT NULL,
	`suggested_text` text,
	`networks` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text,
	`status` text DEFAULT 'open' NOT NULL,
	`created_at` integer NOT NULL,
	`deadline_at` integer NOT NULL,
	`closed_at` integer,
	`closed_by` text
);
--> statement-breakpoint
CREATE INDEX `requests_team_status` ON `requests` (`team_id`,`status`);--> statement-breakpoint
CREATE INDEX `requests_requester` ON `requests` (`team_id`,`requester_id`);--> statement-breakpoint
CREATE INDEX `requests_deadline` ON `requests` (`status`,`deadline_at`);--> statement-breakpoint
CREATE TABLE `tracked_links` (
	`token` text PRIMARY KEY NOT NULL,
	`request_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`request_id`) REFERENCES `requests`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `tracked_links_request_user` ON `tracked_links` (`request_id`,`user_id`);--> statement-breakpoint
CREATE TABLE `user_profiles` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`tz` text,
	`tz_offset_seconds` integer,
	`is_admin` integer DEFAULT false NOT NULL,
	`fetched_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `user_settings` (
	`team_id` text NOT NULL,
	`user_id` text NOT NULL,
	`digest` integer,
	`show_name` integer DEFAULT false NOT NULL,
	`reminders` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`team_id`, `user_id`)
);
--> statement-breakpoint
CREATE TABLE `workspaces` (
	`team_id` text PRIMARY KEY NOT NULL,
	`name` text,
	`installed_at` integer NOT NULL,
	`uninstalled_at` integer
);
