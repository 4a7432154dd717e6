CREATE INDEX `participations_opted_in` ON `participations` (`opted_in_at`);--> statement-breakpoint
CREATE INDEX `participations_shared` ON `participations` (`shared_at`);--> statement-breakpoint
CREATE INDEX `participations_thanked` ON `participations` (`thanked_at`);