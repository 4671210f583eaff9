-- Actions requested together (advanced hunting's "Take actions") share a batch: its id is the approval id the
-- analyst is given, its name the remediation name.
ALTER TABLE response_action ADD COLUMN batch_id VARCHAR(40);
ALTER TABLE response_action ADD COLUMN batch_name VARCHAR(200);
CREATE INDEX response_action_batch ON response_action (batch_id);
