ALTER TABLE "extraction_runs" ADD COLUMN "segments_skipped" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "extraction_runs" ADD COLUMN "tokens_saved" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "run_segments" ADD COLUMN "skip_reason" text;--> statement-breakpoint
ALTER TABLE "run_segments" ADD COLUMN "tokens_saved" integer DEFAULT 0 NOT NULL;