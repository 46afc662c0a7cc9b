CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TYPE "public"."review_status" AS ENUM('to_review', 'accepted', 'rejected', 'edited');--> statement-breakpoint
CREATE TABLE "obligation_history" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" text DEFAULT 'default' NOT NULL,
	"obligation_id" uuid NOT NULL,
	"actor_key_id" uuid,
	"actor_name" text NOT NULL,
	"action" text NOT NULL,
	"changes" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "search_text" text GENERATED ALWAYS AS (lower(normalize(regexp_replace(normalize(coalesce(subject, '') || ' ' || coalesce(action, '') || ' ' || coalesce(subject_en, '') || ' ' || coalesce(action_en, '') || ' ' || quote, NFD), '[̀-ͯ]', '', 'g'), NFC))) STORED;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "review_status" "review_status" DEFAULT 'to_review' NOT NULL;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "review_note" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "review_owner" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "review_due" date;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "corrected_subject" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "corrected_action" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "corrected_modality" "modality";--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "corrected_deadline_text" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "corrected_deadline_iso" text;--> statement-breakpoint
ALTER TABLE "obligations" ADD COLUMN "reviewed_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "obligation_history" ADD CONSTRAINT "obligation_history_obligation_id_obligations_id_fk" FOREIGN KEY ("obligation_id") REFERENCES "public"."obligations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "obligation_history_obligation_idx" ON "obligation_history" USING btree ("obligation_id","created_at");--> statement-breakpoint
CREATE INDEX "obligations_search_text_trgm_idx" ON "obligations" USING gin ("search_text" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "obligations_tenant_review_idx" ON "obligations" USING btree ("tenant_id","review_status","id");