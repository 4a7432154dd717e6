CREATE TABLE "paced_work" (
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"due_at" bigint,
	"not_before" bigint DEFAULT 0 NOT NULL,
	"failures" integer DEFAULT 0 NOT NULL,
	"holder" text,
	"held_until" bigint DEFAULT 0 NOT NULL,
	"memo" text,
	CONSTRAINT "paced_work_kind_key_pk" PRIMARY KEY("kind","key")
);
--> statement-breakpoint
CREATE TABLE "rate_limit_pauses" (
	"scope" text PRIMARY KEY NOT NULL,
	"until" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "paced_work_due" ON "paced_work" USING btree ("kind","due_at");