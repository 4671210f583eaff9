-- When an alert joined the incident it is in. The activity log shows each alert the correlator linked from the alert
-- row itself (linked_at = created_at); moves and merges write their own entries and keep the moved alerts' history in
-- the incident they left. The per-alert rows correlation used to write are now redundant.
ALTER TABLE alert ADD COLUMN linked_at TIMESTAMP WITH TIME ZONE;
UPDATE alert SET linked_at = created_at;
DELETE FROM incident_activity WHERE actor = 'Rampart - alert correlation'
    AND (kind = 'alert' OR text LIKE 'Incident created from alert %' OR text LIKE '[from incident %] Incident created from alert %');
