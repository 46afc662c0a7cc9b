-- Change feed for server-sent progress events: one NOTIFY per document change that a progress
-- event shows (status, error, pages, segments done/total), and per delete. The API listens once
-- per process and fans the ids out to every open stream, instead of each stream polling per id.
-- NOTIFY is delivered at commit, so listeners only ever see committed rows.
CREATE OR REPLACE FUNCTION obligato_document_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    PERFORM pg_notify('obligato_documents', OLD.id::text);
    RETURN OLD;
  END IF;
  PERFORM pg_notify('obligato_documents', NEW.id::text);
  RETURN NEW;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER documents_change_feed AFTER UPDATE ON documents FOR EACH ROW
  WHEN (OLD.status IS DISTINCT FROM NEW.status OR OLD.error IS DISTINCT FROM NEW.error
    OR OLD.page_count IS DISTINCT FROM NEW.page_count OR OLD.segments_done IS DISTINCT FROM NEW.segments_done
    OR OLD.segments_total IS DISTINCT FROM NEW.segments_total)
  EXECUTE FUNCTION obligato_document_changed();
--> statement-breakpoint
CREATE TRIGGER documents_change_feed_delete AFTER DELETE ON documents FOR EACH ROW
  EXECUTE FUNCTION obligato_document_changed();
