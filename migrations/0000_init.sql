CREATE TYPE "public"."document_status" AS ENUM('queued', 'text', 'extracting', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."engine" AS ENUM('rules', 'llm');--> statement-breakpoint
CREATE TYPE "public"."modality" AS ENUM('obligation', 'prohibition', 'permission', 'exemption');--> statement-breakpoint
CREATE TYPE "public"."page_source" AS ENUM('text_layer', 'ocr', 'plain');--> statement-breakpoint
CREATE TYPE "public"."run_status" AS ENUM('running', 'done', 'failed');--> statement-breakpoint
CREATE TYPE "public"."segment_run_status" AS ENUM('done', 'failed', 'skipped');--> statement-breakpoint
CREATE TABLE "documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"sha256" text NOT NULL,
	"filename" text NOT NULL,
	"mime" text NOT NULL,
	"size_bytes" bigint NOT NULL,
	"status" "document_status" DEFAULT 'queued' NOT NULL,
	"error" text,
	"language" text,
	"language_confidence" real,
	"language_hint" text,
	"series" text,
	"page_count" integer,
	"text" text,
	"segments_total" integer DEFAULT 0 NOT NULL,
	"segments_done" integer DEFAULT 0 NOT NULL,
	"current_run_id" uuid,
	"generation" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "extraction_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"document_id" uuid NOT NULL,
	"run_key" text NOT NULL,
	"engine" "engine" NOT NULL,
	"model_name" text,
	"model_sha256" text,
	"prompt_version" text NOT NULL,
	"params" jsonb NOT NULL,
	"status" "run_status" DEFAULT 'running' NOT NULL,
	"segments_total" integer DEFAULT 0 NOT NULL,
	"segments_done" integer DEFAULT 0 NOT NULL,
	"segments_failed" integer DEFAULT 0 NOT NULL,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "obligations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"document_id" uuid NOT NULL,
	"run_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"engine" "engine" NOT NULL,
	"modality" "modality" NOT NULL,
	"subject" text NOT NULL,
	"action" text NOT NULL,
	"object" text,
	"condition" text,
	"exceptions" text,
	"deadline_text" text,
	"deadline_iso" text,
	"deadline_trigger" text,
	"penalty" text,
	"citation" text NOT NULL,
	"cross_references" jsonb NOT NULL,
	"quote" text NOT NULL,
	"quote_start" integer NOT NULL,
	"quote_end" integer NOT NULL,
	"sentence_ids" jsonb NOT NULL,
	"alignment" text DEFAULT 'sentence' NOT NULL,
	"page" integer NOT NULL,
	"language" text,
	"subject_en" text,
	"action_en" text,
	"confidence" real NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"search" "tsvector" GENERATED ALWAYS AS (to_tsvector('simple', coalesce(subject, '') || ' ' || coalesce(action, '') || ' ' || coalesce(subject_en, '') || ' ' || coalesce(action_en, '') || ' ' || quote)) STORED
);
--> statement-breakpoint
CREATE TABLE "pages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"document_id" uuid NOT NULL,
	"n" integer NOT NULL,
	"source" "page_source" NOT NULL,
	"reason" text NOT NULL,
	"ocr_confidence" real,
	"language" text,
	"text" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "run_segments" (
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"run_id" uuid NOT NULL,
	"segment_id" uuid NOT NULL,
	"status" "segment_run_status" NOT NULL,
	"error" text,
	"prompt_tokens" integer DEFAULT 0 NOT NULL,
	"completion_tokens" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"obligation_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "run_segments_run_id_segment_id_pk" PRIMARY KEY("run_id","segment_id")
);
--> statement-breakpoint
CREATE TABLE "segments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"document_id" uuid NOT NULL,
	"ordinal" integer NOT NULL,
	"citation" text NOT NULL,
	"heading" text,
	"text" text NOT NULL,
	"start" integer NOT NULL,
	"end" integer NOT NULL,
	"page_start" integer NOT NULL,
	"page_end" integer NOT NULL,
	"language" text,
	"sentences" jsonb NOT NULL
);
--> statement-breakpoint
ALTER TABLE "extraction_runs" ADD CONSTRAINT "extraction_runs_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_run_id_extraction_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."extraction_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "obligations" ADD CONSTRAINT "obligations_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pages" ADD CONSTRAINT "pages_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_segments" ADD CONSTRAINT "run_segments_run_id_extraction_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."extraction_runs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "run_segments" ADD CONSTRAINT "run_segments_segment_id_segments_id_fk" FOREIGN KEY ("segment_id") REFERENCES "public"."segments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "segments" ADD CONSTRAINT "segments_document_id_documents_id_fk" FOREIGN KEY ("document_id") REFERENCES "public"."documents"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "documents_tenant_sha256_uq" ON "documents" USING btree ("tenant_id","sha256");--> statement-breakpoint
CREATE INDEX "documents_tenant_status_idx" ON "documents" USING btree ("tenant_id","status");--> statement-breakpoint
CREATE INDEX "documents_tenant_created_idx" ON "documents" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE UNIQUE INDEX "extraction_runs_document_key_uq" ON "extraction_runs" USING btree ("document_id","run_key");--> statement-breakpoint
CREATE UNIQUE INDEX "obligations_run_segment_ordinal_uq" ON "obligations" USING btree ("run_id","segment_id","ordinal");--> statement-breakpoint
CREATE INDEX "obligations_tenant_created_idx" ON "obligations" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "obligations_document_idx" ON "obligations" USING btree ("document_id","quote_start");--> statement-breakpoint
CREATE INDEX "obligations_tenant_modality_idx" ON "obligations" USING btree ("tenant_id","modality","id");--> statement-breakpoint
CREATE INDEX "obligations_tenant_language_idx" ON "obligations" USING btree ("tenant_id","language","id");--> statement-breakpoint
CREATE INDEX "obligations_search_idx" ON "obligations" USING gin ("search");--> statement-breakpoint
CREATE UNIQUE INDEX "pages_document_n_uq" ON "pages" USING btree ("document_id","n");--> statement-breakpoint
CREATE UNIQUE INDEX "segments_document_ordinal_uq" ON "segments" USING btree ("document_id","ordinal");