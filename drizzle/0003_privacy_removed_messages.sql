CREATE TABLE `removed_messages` (
	`request_id` integer PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`channel_id` text NOT NULL,
	`message_ts` text NOT NULL,
	`removed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `removed_messages_removed` ON `removed_messages` (`removed_at`);--> statement-breakpoint
CREATE INDEX `requests_closed` ON `requests` (`closed_at`);