-- The sweep of files no message keeps (files/orphans.rs) asks, per stored file, whether any
-- attachment names it.
CREATE INDEX attachments_storage ON attachments(storage_name);
