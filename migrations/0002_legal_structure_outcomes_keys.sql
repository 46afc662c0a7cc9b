CREATE TYPE "public"."job_lane" AS ENUM('interactive', 'batch');--> statement-breakpoint
CREATE TYPE "public"."segment_kind" AS ENUM('preamble', 'recital', 'article', 'definition', 'annex', 'table', 'footnote', 'signature', 'toc', 'other');--> statement-breakpoint
ALTER TYPE "public"."document_status" ADD VALUE 'partial' BEFORE 'failed';--> statement-breakpoint
ALTER TYPE "public"."run_status" ADD VALUE 'partial' BEFORE 'failed';--> statement-breakpoint
CREATE TABLE "api_keys" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"name" text NOT NULL,
	"prefix" text NOT NULL,
	"hash" text NOT NULL,
	"scopes" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "error_code" text;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "segments_failed" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "documents" ADD COLUMN "lane" "job_lane" DEFAULT 'interactive' NOT NULL;--> statement-breakpoint
ALTER TABLE "extraction_runs" ADD COLUMN "runtime" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "citation_key" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "binding" boolean DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "lead_in_start" integer;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "lead_in_end" integer;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "citation_key" text;--> statement-breakpoint
ALTER TABLE "segments" ADD COLUMN "kind" "segment_kind" DEFAULT 'other' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_prefix_uq" ON "api_keys" USING btree ("prefix");