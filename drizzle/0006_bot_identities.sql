CREATE TABLE `bot_identities` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`team_id` text NOT NULL,
	`bot_id` text NOT NULL,
	`bot_user_id` text NOT NULL,
	`checked_at` integer NOT NULL
);
