CREATE TABLE "bot_identities" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"bot_id" text NOT NULL,
	"bot_user_id" text NOT NULL,
	"checked_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "digest_deliveries" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"iso_week" text NOT NULL,
	"claimed_at" bigint NOT NULL,
	"sent_at" bigint,
	CONSTRAINT "digest_deliveries_team_id_user_id_iso_week_pk" PRIMARY KEY("team_id","user_id","iso_week")
);
--> statement-breakpoint
CREATE TABLE "link_clicks" (
	"token" text NOT NULL,
	"day" text NOT NULL,
	"count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "link_clicks_token_day_pk" PRIMARY KEY("token","day")
);
--> statement-breakpoint
CREATE TABLE "participations" (
	"id" serial PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"opted_in_at" bigint NOT NULL,
	"shared_at" bigint,
	"share_url" text,
	"network" text,
	"remind_me" boolean DEFAULT false NOT NULL,
	"reminded_at" bigint,
	"show_name" boolean DEFAULT false NOT NULL,
	"thanked_at" bigint,
	CONSTRAINT "participations_request_user" UNIQUE("request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "receipts" (
	"key" text PRIMARY KEY NOT NULL,
	"received_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "removed_messages" (
	"request_id" integer PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"channel_id" text NOT NULL,
	"message_ts" text NOT NULL,
	"removed_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "requests" (
	"id" serial PRIMARY KEY NOT NULL,
	"team_id" text NOT NULL,
	"requester_id" text NOT NULL,
	"url" text NOT NULL,
	"title" text,
	"ask" text NOT NULL,
	"suggested_text" text,
	"networks" jsonb NOT NULL,
	"channel_id" text NOT NULL,
	"message_ts" text,
	"post_state" text,
	"post_attempts" integer DEFAULT 0 NOT NULL,
	"post_due_at" bigint,
	"post_error" text,
	"notice_due_at" bigint,
	"status" text DEFAULT 'open' NOT NULL,
	"created_at" bigint NOT NULL,
	"deadline_at" bigint NOT NULL,
	"closed_at" bigint,
	"closed_by" text
);
--> statement-breakpoint
CREATE TABLE "tracked_links" (
	"token" text PRIMARY KEY NOT NULL,
	"request_id" integer NOT NULL,
	"user_id" text NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_profiles" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"tz" text,
	"tz_offset_seconds" integer,
	"is_admin" boolean DEFAULT false NOT NULL,
	"fetched_at" bigint NOT NULL,
	CONSTRAINT "user_profiles_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "user_settings" (
	"team_id" text NOT NULL,
	"user_id" text NOT NULL,
	"digest" boolean,
	"show_name" boolean DEFAULT false NOT NULL,
	"reminders" boolean DEFAULT true NOT NULL,
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	CONSTRAINT "user_settings_team_id_user_id_pk" PRIMARY KEY("team_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"team_id" text PRIMARY KEY NOT NULL,
	"name" text,
	"installed_at" bigint NOT NULL,
	"uninstalled_at" bigint
);
--> statement-breakpoint
ALTER TABLE "link_clicks" ADD CONSTRAINT "link_clicks_token_tracked_links_token_fk" FOREIGN KEY ("token") REFERENCES "public"."tracked_links"("token") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "participations" ADD CONSTRAINT "participations_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_request_id_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tracked_links" ADD CONSTRAINT "tracked_links_participation" FOREIGN KEY ("request_id","user_id") REFERENCES "public"."participations"("request_id","user_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "participations_user" ON "participations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "participations_opted_in" ON "participations" USING btree ("opted_in_at","request_id","user_id");--> statement-breakpoint
CREATE INDEX "participations_shared" ON "participations" USING btree ("shared_at","request_id","user_id");--> statement-breakpoint
CREATE INDEX "participations_thanked" ON "participations" USING btree ("thanked_at");--> statement-breakpoint
CREATE INDEX "receipts_received" ON "receipts" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "removed_messages_removed" ON "removed_messages" USING btree ("removed_at");--> statement-breakpoint
CREATE INDEX "requests_team_status" ON "requests" USING btree ("team_id","status");--> statement-breakpoint
CREATE INDEX "requests_requester" ON "requests" USING btree ("team_id","requester_id");--> statement-breakpoint
CREATE INDEX "requests_deadline" ON "requests" USING btree ("status","deadline_at");--> statement-breakpoint
CREATE INDEX "requests_closed" ON "requests" USING btree ("closed_at");--> statement-breakpoint
CREATE INDEX "requests_post_due" ON "requests" USING btree ("post_due_at");--> statement-breakpoint
CREATE INDEX "requests_notice_due" ON "requests" USING btree ("notice_due_at");--> statement-breakpoint
CREATE UNIQUE INDEX "tracked_links_request_user" ON "tracked_links" USING btree ("request_id","user_id");--> statement-breakpoint
CREATE INDEX "tracked_links_user" ON "tracked_links" USING btree ("user_id");