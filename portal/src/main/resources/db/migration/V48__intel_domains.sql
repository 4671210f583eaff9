-- The ATT&CK domains an object belongs to (enterprise-attack, mobile-attack, ics-attack), comma-separated; the matrix
-- shows one domain at a time, as tactics of different domains share names.
ALTER TABLE intel_object ADD COLUMN domains VARCHAR(200);
