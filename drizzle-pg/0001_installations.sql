CREATE TABLE "installations" (
	"id" serial PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL,
	"team_id" text NOT NULL,
	"is_enterprise_install" boolean NOT NULL,
	"name" text,
	"app_id" text,
	"bot_token" text NOT NULL,
	"bot_id" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"bot_scopes" text NOT NULL,
	"installer_user_id" text NOT NULL,
	"bot_refresh_token" text,
	"bot_token_expires_at" bigint,
	"installed_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oauth_states" (
	"nonce" text PRIMARY KEY NOT NULL,
	"install_options" text NOT NULL,
	"expires_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "org_workspaces" (
	"team_id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "installations_workspace" ON "installations" USING btree ("enterprise_id","team_id");--> statement-breakpoint
CREATE INDEX "oauth_states_expiry" ON "oauth_states" USING btree ("expires_at");