-- User names are unique regardless of case: "Alice" and "alice" must not be two accounts. H2 has no expression
-- indexes, so the folded name is stored and constrained; UserAccounts writes both columns.
ALTER TABLE app_user ADD COLUMN username_key VARCHAR(100);
UPDATE app_user SET username_key = LOWER(username);
ALTER TABLE app_user ALTER COLUMN username_key SET NOT NULL;
ALTER TABLE app_user ADD CONSTRAINT app_user_username_key_uq UNIQUE (username_key);

-- Bumped on every password change; a web session remembers the value it signed in with and ends when it moves,
-- so a reset password also signs the account out of every other browser.
ALTER TABLE app_user ADD COLUMN credentials_version INTEGER DEFAULT 0 NOT NULL;

-- The audit page filters by actor and action and pages newest first.
CREATE INDEX audit_event_actor ON audit_event (actor);
CREATE INDEX audit_event_action ON audit_event (action);
