PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__new_installations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`enterprise_id` text NOT NULL,
	`team_id` text NOT NULL,
	`is_enterprise_install` integer NOT NULL,
	`name` text,
	`app_id` text,
	`bot_token` text NOT NULL,
	`bot_id` text NOT NULL,
	`bot_user_id` text NOT NULL,
	`bot_scopes` text NOT NULL,
	`installer_user_id` text,
	`bot_refresh_token` text,
	`bot_token_expires_at` integer,
	`installed_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
INSERT INTO `__new_installations`("id", "enterprise_id", "team_id", "is_enterprise_install", "name", "app_id", "bot_token", "bot_id", "bot_user_id", "bot_scopes", "installer_user_id", "bot_refresh_token", "bot_token_expires_at", "installed_at", "updated_at") SELECT "id", "enterprise_id", "team_id", "is_enterprise_install", "name", "app_id", "bot_token", "bot_id", "bot_user_id", "bot_scopes", "installer_user_id", "bot_refresh_token", "bot_token_expires_at", "installed_at", "updated_at" FROM `installations`;--> statement-breakpoint
DROP TABLE `installations`;--> statement-breakpoint
ALTER TABLE `__new_installations` RENAME TO `installations`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE UNIQUE INDEX `installations_workspace` ON `installations` (`enterprise_id`,`team_id`);