DROP INDEX `participations_opted_in`;--> statement-breakpoint
DROP INDEX `participations_shared`;--> statement-breakpoint
CREATE INDEX `participations_opted_in` ON `participations` (`opted_in_at`,`request_id`,`user_id`);--> statement-breakpoint
CREATE INDEX `participations_shared` ON `participations` (`shared_at`,`request_id`,`user_id`);