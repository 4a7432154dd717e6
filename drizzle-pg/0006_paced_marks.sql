CREATE TABLE "paced_marks" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "paced_marks_key" ON "paced_marks" USING btree ("kind","key","at");