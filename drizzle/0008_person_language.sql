ALTER TABLE `user_profiles` ADD `locale` text;--> statement-breakpoint
ALTER TABLE `user_settings` ADD `language` text;